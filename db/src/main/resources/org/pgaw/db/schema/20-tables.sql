-- pgaw's AdventureWorks tables, derived by db/tools/generate_schema.py from the dictionary facts.
-- Keys and foreign keys are added after the load (constraints.tsv); sequences are advanced by sequences.sql.

CREATE TABLE person.businessentity (
    businessentityid serial NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.businessentity.businessentityid IS 'Primary key for all customers, vendors, and employees.';

CREATE TABLE person.person (
    businessentityid integer NOT NULL,
    persontype char(2) NOT NULL,
    namestyle "NameStyle" NOT NULL DEFAULT false,
    title varchar(8),
    firstname "Name" NOT NULL,
    middlename "Name",
    lastname "Name" NOT NULL,
    suffix varchar(10),
    emailpromotion integer NOT NULL DEFAULT 0,
    additionalcontactinfo xml,
    demographics xml,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.person.businessentityid IS 'Primary key for Person records.';
COMMENT ON COLUMN person.person.persontype IS 'Primary type of person: SC = Store Contact, IN = Individual (retail) customer, SP = Sales person, EM = Employee (non-sales), VC = Vendor contact, GC = General contact';
COMMENT ON COLUMN person.person.namestyle IS '0 = The data in FirstName and LastName are stored in western style (first name, last name) order. 1 = Eastern style (last name, first name) order.';
COMMENT ON COLUMN person.person.title IS 'A courtesy title. For example, Mr. or Ms.';
COMMENT ON COLUMN person.person.firstname IS 'First name of the person.';
COMMENT ON COLUMN person.person.middlename IS 'Middle name or middle initial of the person.';
COMMENT ON COLUMN person.person.lastname IS 'Last name of the person.';
COMMENT ON COLUMN person.person.suffix IS 'Surname suffix. For example, Sr. or Jr.';
COMMENT ON COLUMN person.person.emailpromotion IS '0 = Contact does not wish to receive e-mail promotions, 1 = Contact does wish to receive e-mail promotions from AdventureWorks, 2 = Contact does wish to receive e-mail promotions from AdventureWorks and selected partners.';
COMMENT ON COLUMN person.person.additionalcontactinfo IS 'Additional contact information about the person stored in xml format.';
COMMENT ON COLUMN person.person.demographics IS 'Personal information such as hobbies, and income collected from online shoppers. Used for sales analysis.';

CREATE TABLE person.stateprovince (
    stateprovinceid serial NOT NULL,
    stateprovincecode char(3) NOT NULL,
    countryregioncode varchar(3) NOT NULL,
    isonlystateprovinceflag "Flag" NOT NULL DEFAULT true,
    name "Name" NOT NULL,
    territoryid integer NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.stateprovince.stateprovinceid IS 'Primary key for StateProvince records.';
COMMENT ON COLUMN person.stateprovince.stateprovincecode IS 'ISO standard state or province code.';
COMMENT ON COLUMN person.stateprovince.countryregioncode IS 'ISO standard country or region code. Foreign key to CountryRegion.CountryRegionCode.';
COMMENT ON COLUMN person.stateprovince.isonlystateprovinceflag IS '0 = StateProvinceCode exists. 1 = StateProvinceCode unavailable, using CountryRegionCode.';
COMMENT ON COLUMN person.stateprovince.name IS 'State or province description.';
COMMENT ON COLUMN person.stateprovince.territoryid IS 'ID of the territory in which the state or province is located. Foreign key to SalesTerritory.SalesTerritoryID.';

CREATE TABLE person.address (
    addressid serial NOT NULL,
    addressline1 varchar(60) NOT NULL,
    addressline2 varchar(60),
    city varchar(30) NOT NULL,
    stateprovinceid integer NOT NULL,
    postalcode varchar(15) NOT NULL,
    spatiallocation varchar(44),
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.address.addressid IS 'Primary key for Address records.';
COMMENT ON COLUMN person.address.addressline1 IS 'First street address line.';
COMMENT ON COLUMN person.address.addressline2 IS 'Second street address line.';
COMMENT ON COLUMN person.address.city IS 'Name of the city.';
COMMENT ON COLUMN person.address.stateprovinceid IS 'Unique identification number for the state or province. Foreign key to StateProvince table.';
COMMENT ON COLUMN person.address.postalcode IS 'Postal code for the street address.';
COMMENT ON COLUMN person.address.spatiallocation IS 'Latitude and longitude of this address.';

CREATE TABLE person.addresstype (
    addresstypeid serial NOT NULL,
    name "Name" NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.addresstype.addresstypeid IS 'Primary key for AddressType records.';
COMMENT ON COLUMN person.addresstype.name IS 'Address type description. For example, Billing, Home, or Shipping.';

CREATE TABLE person.businessentityaddress (
    businessentityid integer NOT NULL,
    addressid integer NOT NULL,
    addresstypeid integer NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.businessentityaddress.businessentityid IS 'Primary key. Foreign key to BusinessEntity.BusinessEntityID.';
COMMENT ON COLUMN person.businessentityaddress.addressid IS 'Primary key. Foreign key to Address.AddressID.';
COMMENT ON COLUMN person.businessentityaddress.addresstypeid IS 'Primary key. Foreign key to AddressType.AddressTypeID.';

CREATE TABLE person.contacttype (
    contacttypeid serial NOT NULL,
    name "Name" NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.contacttype.contacttypeid IS 'Primary key for ContactType records.';
COMMENT ON COLUMN person.contacttype.name IS 'Contact type description.';

CREATE TABLE person.businessentitycontact (
    businessentityid integer NOT NULL,
    personid integer NOT NULL,
    contacttypeid integer NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.businessentitycontact.businessentityid IS 'Primary key. Foreign key to BusinessEntity.BusinessEntityID.';
COMMENT ON COLUMN person.businessentitycontact.personid IS 'Primary key. Foreign key to Person.BusinessEntityID.';
COMMENT ON COLUMN person.businessentitycontact.contacttypeid IS 'Primary key. Foreign key to ContactType.ContactTypeID.';

CREATE TABLE person.emailaddress (
    businessentityid integer NOT NULL,
    emailaddressid serial NOT NULL,
    emailaddress varchar(50),
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.emailaddress.businessentityid IS 'Primary key. Person associated with this email address. Foreign key to Person.BusinessEntityID';
COMMENT ON COLUMN person.emailaddress.emailaddressid IS 'Primary key. ID of this email address.';
COMMENT ON COLUMN person.emailaddress.emailaddress IS 'E-mail address for the person.';

CREATE TABLE person.password (
    businessentityid integer NOT NULL,
    passwordhash varchar(128) NOT NULL,
    passwordsalt varchar(10) NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.password.passwordhash IS 'Password for the e-mail account.';
COMMENT ON COLUMN person.password.passwordsalt IS 'Random value concatenated with the password string before the password is hashed.';

CREATE TABLE person.phonenumbertype (
    phonenumbertypeid serial NOT NULL,
    name "Name" NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.phonenumbertype.phonenumbertypeid IS 'Primary key for telephone number type records.';
COMMENT ON COLUMN person.phonenumbertype.name IS 'Name of the telephone number type';

CREATE TABLE person.personphone (
    businessentityid integer NOT NULL,
    phonenumber "Phone" NOT NULL,
    phonenumbertypeid integer NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.personphone.businessentityid IS 'Business entity identification number. Foreign key to Person.BusinessEntityID.';
COMMENT ON COLUMN person.personphone.phonenumber IS 'Telephone number identification number.';
COMMENT ON COLUMN person.personphone.phonenumbertypeid IS 'Kind of phone number. Foreign key to PhoneNumberType.PhoneNumberTypeID.';

CREATE TABLE person.countryregion (
    countryregioncode varchar(3) NOT NULL,
    name "Name" NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN person.countryregion.countryregioncode IS 'ISO standard code for countries and regions.';
COMMENT ON COLUMN person.countryregion.name IS 'Country or region name.';

CREATE TABLE humanresources.department (
    departmentid serial NOT NULL,
    name "Name" NOT NULL,
    groupname "Name" NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN humanresources.department.departmentid IS 'Primary key for Department records.';
COMMENT ON COLUMN humanresources.department.name IS 'Name of the department.';
COMMENT ON COLUMN humanresources.department.groupname IS 'Name of the group to which the department belongs.';

CREATE TABLE humanresources.employee (
    businessentityid integer NOT NULL,
    nationalidnumber varchar(15) NOT NULL,
    loginid varchar(256) NOT NULL,
    jobtitle varchar(50) NOT NULL,
    birthdate date NOT NULL,
    maritalstatus char(1) NOT NULL,
    gender char(1) NOT NULL,
    hiredate date NOT NULL,
    salariedflag "Flag" NOT NULL DEFAULT true,
    vacationhours smallint NOT NULL DEFAULT 0,
    sickleavehours smallint NOT NULL DEFAULT 0,
    currentflag "Flag" NOT NULL DEFAULT true,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now(),
    organizationnode varchar DEFAULT '/'
);
COMMENT ON COLUMN humanresources.employee.businessentityid IS 'Primary key for Employee records. Foreign key to BusinessEntity.BusinessEntityID.';
COMMENT ON COLUMN humanresources.employee.nationalidnumber IS 'Unique national identification number such as a social security number.';
COMMENT ON COLUMN humanresources.employee.loginid IS 'Network login.';
COMMENT ON COLUMN humanresources.employee.jobtitle IS 'Work title such as Buyer or Sales Representative.';
COMMENT ON COLUMN humanresources.employee.birthdate IS 'Date of birth.';
COMMENT ON COLUMN humanresources.employee.maritalstatus IS 'M = Married, S = Single';
COMMENT ON COLUMN humanresources.employee.gender IS 'M = Male, F = Female';
COMMENT ON COLUMN humanresources.employee.hiredate IS 'Employee hired on this date.';
COMMENT ON COLUMN humanresources.employee.salariedflag IS 'Job classification. 0 = Hourly, not exempt from collective bargaining. 1 = Salaried, exempt from collective bargaining.';
COMMENT ON COLUMN humanresources.employee.vacationhours IS 'Number of available vacation hours.';
COMMENT ON COLUMN humanresources.employee.sickleavehours IS 'Number of available sick leave hours.';
COMMENT ON COLUMN humanresources.employee.currentflag IS '0 = Inactive, 1 = Active';
COMMENT ON COLUMN humanresources.employee.organizationnode IS 'Where the employee is located in corporate hierarchy.';

CREATE TABLE humanresources.employeedepartmenthistory (
    businessentityid integer NOT NULL,
    departmentid smallint NOT NULL,
    shiftid smallint NOT NULL,
    startdate date NOT NULL,
    enddate date,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN humanresources.employeedepartmenthistory.businessentityid IS 'Employee identification number. Foreign key to Employee.BusinessEntityID.';
COMMENT ON COLUMN humanresources.employeedepartmenthistory.departmentid IS 'Department in which the employee worked including currently. Foreign key to Department.DepartmentID.';
COMMENT ON COLUMN humanresources.employeedepartmenthistory.shiftid IS 'Identifies which 8-hour shift the employee works. Foreign key to Shift.Shift.ID.';
COMMENT ON COLUMN humanresources.employeedepartmenthistory.startdate IS 'Date the employee started work in the department.';
COMMENT ON COLUMN humanresources.employeedepartmenthistory.enddate IS 'Date the employee left the department. NULL = Current department.';

CREATE TABLE humanresources.employeepayhistory (
    businessentityid integer NOT NULL,
    ratechangedate timestamp NOT NULL,
    rate numeric NOT NULL,
    payfrequency smallint NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN humanresources.employeepayhistory.businessentityid IS 'Employee identification number. Foreign key to Employee.BusinessEntityID.';
COMMENT ON COLUMN humanresources.employeepayhistory.ratechangedate IS 'Date the change in pay is effective';
COMMENT ON COLUMN humanresources.employeepayhistory.rate IS 'Salary hourly rate.';
COMMENT ON COLUMN humanresources.employeepayhistory.payfrequency IS '1 = Salary received monthly, 2 = Salary received biweekly';

CREATE TABLE humanresources.jobcandidate (
    jobcandidateid serial NOT NULL,
    businessentityid integer,
    resume xml,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN humanresources.jobcandidate.jobcandidateid IS 'Primary key for JobCandidate records.';
COMMENT ON COLUMN humanresources.jobcandidate.businessentityid IS 'Employee identification number if applicant was hired. Foreign key to Employee.BusinessEntityID.';
COMMENT ON COLUMN humanresources.jobcandidate.resume IS 'Résumé in XML format.';

CREATE TABLE humanresources.shift (
    shiftid serial NOT NULL,
    name "Name" NOT NULL,
    starttime time NOT NULL,
    endtime time NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN humanresources.shift.shiftid IS 'Primary key for Shift records.';
COMMENT ON COLUMN humanresources.shift.name IS 'Shift description.';
COMMENT ON COLUMN humanresources.shift.starttime IS 'Shift start time.';
COMMENT ON COLUMN humanresources.shift.endtime IS 'Shift end time.';

CREATE TABLE production.billofmaterials (
    billofmaterialsid serial NOT NULL,
    productassemblyid integer,
    componentid integer NOT NULL,
    startdate timestamp NOT NULL DEFAULT now(),
    enddate timestamp,
    unitmeasurecode char(3) NOT NULL,
    bomlevel smallint NOT NULL,
    perassemblyqty decimal(8, 2) NOT NULL DEFAULT 1.00,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.billofmaterials.billofmaterialsid IS 'Primary key for BillOfMaterials records.';
COMMENT ON COLUMN production.billofmaterials.productassemblyid IS 'Parent product identification number. Foreign key to Product.ProductID.';
COMMENT ON COLUMN production.billofmaterials.componentid IS 'Component identification number. Foreign key to Product.ProductID.';
COMMENT ON COLUMN production.billofmaterials.startdate IS 'Date the component started being used in the assembly item.';
COMMENT ON COLUMN production.billofmaterials.enddate IS 'Date the component stopped being used in the assembly item.';
COMMENT ON COLUMN production.billofmaterials.unitmeasurecode IS 'Standard code identifying the unit of measure for the quantity.';
COMMENT ON COLUMN production.billofmaterials.bomlevel IS 'Indicates the depth the component is from its parent (AssemblyID).';
COMMENT ON COLUMN production.billofmaterials.perassemblyqty IS 'Quantity of the component needed to create the assembly.';

CREATE TABLE production.culture (
    cultureid char(6) NOT NULL,
    name "Name" NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.culture.cultureid IS 'Primary key for Culture records.';
COMMENT ON COLUMN production.culture.name IS 'Culture description.';

CREATE TABLE production.document (
    title varchar(50) NOT NULL,
    owner integer NOT NULL,
    folderflag "Flag" NOT NULL DEFAULT false,
    filename varchar(400) NOT NULL,
    fileextension varchar(8),
    revision char(5) NOT NULL,
    changenumber integer NOT NULL DEFAULT 0,
    status smallint NOT NULL,
    documentsummary text,
    document bytea,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now(),
    documentnode varchar NOT NULL DEFAULT '/'
);
COMMENT ON COLUMN production.document.title IS 'Title of the document.';
COMMENT ON COLUMN production.document.owner IS 'Employee who controls the document. Foreign key to Employee.BusinessEntityID';
COMMENT ON COLUMN production.document.folderflag IS '0 = This is a folder, 1 = This is a document.';
COMMENT ON COLUMN production.document.filename IS 'File name of the document';
COMMENT ON COLUMN production.document.fileextension IS 'File extension indicating the document type. For example, .doc or .txt.';
COMMENT ON COLUMN production.document.revision IS 'Revision number of the document.';
COMMENT ON COLUMN production.document.changenumber IS 'Engineering change approval number.';
COMMENT ON COLUMN production.document.status IS '1 = Pending approval, 2 = Approved, 3 = Obsolete';
COMMENT ON COLUMN production.document.documentsummary IS 'Document abstract.';
COMMENT ON COLUMN production.document.document IS 'Complete document.';
COMMENT ON COLUMN production.document.rowguid IS 'ROWGUIDCOL number uniquely identifying the record. Required for FileStream.';
COMMENT ON COLUMN production.document.documentnode IS 'Primary key for Document records.';

CREATE TABLE production.productcategory (
    productcategoryid serial NOT NULL,
    name "Name" NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productcategory.productcategoryid IS 'Primary key for ProductCategory records.';
COMMENT ON COLUMN production.productcategory.name IS 'Category description.';

CREATE TABLE production.productsubcategory (
    productsubcategoryid serial NOT NULL,
    productcategoryid integer NOT NULL,
    name "Name" NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productsubcategory.productsubcategoryid IS 'Primary key for ProductSubcategory records.';
COMMENT ON COLUMN production.productsubcategory.productcategoryid IS 'Product category identification number. Foreign key to ProductCategory.ProductCategoryID.';
COMMENT ON COLUMN production.productsubcategory.name IS 'Subcategory description.';

CREATE TABLE production.productmodel (
    productmodelid serial NOT NULL,
    name "Name" NOT NULL,
    catalogdescription xml,
    instructions xml,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productmodel.productmodelid IS 'Primary key for ProductModel records.';
COMMENT ON COLUMN production.productmodel.name IS 'Product model description.';
COMMENT ON COLUMN production.productmodel.catalogdescription IS 'Detailed product catalog information in xml format.';
COMMENT ON COLUMN production.productmodel.instructions IS 'Manufacturing instructions in xml format.';

CREATE TABLE production.product (
    productid serial NOT NULL,
    name "Name" NOT NULL,
    productnumber varchar(25) NOT NULL,
    makeflag "Flag" NOT NULL DEFAULT true,
    finishedgoodsflag "Flag" NOT NULL DEFAULT true,
    color varchar(15),
    safetystocklevel smallint NOT NULL,
    reorderpoint smallint NOT NULL,
    standardcost numeric NOT NULL,
    listprice numeric NOT NULL,
    size varchar(5),
    sizeunitmeasurecode char(3),
    weightunitmeasurecode char(3),
    weight decimal(8, 2),
    daystomanufacture integer NOT NULL,
    productline char(2),
    class char(2),
    style char(2),
    productsubcategoryid integer,
    productmodelid integer,
    sellstartdate timestamp NOT NULL,
    sellenddate timestamp,
    discontinueddate timestamp,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.product.productid IS 'Primary key for Product records.';
COMMENT ON COLUMN production.product.name IS 'Name of the product.';
COMMENT ON COLUMN production.product.productnumber IS 'Unique product identification number.';
COMMENT ON COLUMN production.product.makeflag IS '0 = Product is purchased, 1 = Product is manufactured in-house.';
COMMENT ON COLUMN production.product.finishedgoodsflag IS '0 = Product is not a salable item. 1 = Product is salable.';
COMMENT ON COLUMN production.product.color IS 'Product color.';
COMMENT ON COLUMN production.product.safetystocklevel IS 'Minimum inventory quantity.';
COMMENT ON COLUMN production.product.reorderpoint IS 'Inventory level that triggers a purchase order or work order.';
COMMENT ON COLUMN production.product.standardcost IS 'Standard cost of the product.';
COMMENT ON COLUMN production.product.listprice IS 'Selling price.';
COMMENT ON COLUMN production.product.size IS 'Product size.';
COMMENT ON COLUMN production.product.sizeunitmeasurecode IS 'Unit of measure for Size column.';
COMMENT ON COLUMN production.product.weightunitmeasurecode IS 'Unit of measure for Weight column.';
COMMENT ON COLUMN production.product.weight IS 'Product weight.';
COMMENT ON COLUMN production.product.daystomanufacture IS 'Number of days required to manufacture the product.';
COMMENT ON COLUMN production.product.productline IS 'R = Road, M = Mountain, T = Touring, S = Standard';
COMMENT ON COLUMN production.product.class IS 'H = High, M = Medium, L = Low';
COMMENT ON COLUMN production.product.style IS 'W = Womens, M = Mens, U = Universal';
COMMENT ON COLUMN production.product.productsubcategoryid IS 'Product is a member of this product subcategory. Foreign key to ProductSubCategory.ProductSubCategoryID.';
COMMENT ON COLUMN production.product.productmodelid IS 'Product is a member of this product model. Foreign key to ProductModel.ProductModelID.';
COMMENT ON COLUMN production.product.sellstartdate IS 'Date the product was available for sale.';
COMMENT ON COLUMN production.product.sellenddate IS 'Date the product was no longer available for sale.';
COMMENT ON COLUMN production.product.discontinueddate IS 'Date the product was discontinued.';

CREATE TABLE production.productcosthistory (
    productid integer NOT NULL,
    startdate timestamp NOT NULL,
    enddate timestamp,
    standardcost numeric NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productcosthistory.productid IS 'Product identification number. Foreign key to Product.ProductID';
COMMENT ON COLUMN production.productcosthistory.startdate IS 'Product cost start date.';
COMMENT ON COLUMN production.productcosthistory.enddate IS 'Product cost end date.';
COMMENT ON COLUMN production.productcosthistory.standardcost IS 'Standard cost of the product.';

CREATE TABLE production.productdescription (
    productdescriptionid serial NOT NULL,
    description varchar(400) NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productdescription.productdescriptionid IS 'Primary key for ProductDescription records.';
COMMENT ON COLUMN production.productdescription.description IS 'Description of the product.';

CREATE TABLE production.productdocument (
    productid integer NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now(),
    documentnode varchar NOT NULL DEFAULT '/'
);
COMMENT ON COLUMN production.productdocument.productid IS 'Product identification number. Foreign key to Product.ProductID.';
COMMENT ON COLUMN production.productdocument.documentnode IS 'Document identification number. Foreign key to Document.DocumentNode.';

CREATE TABLE production.location (
    locationid serial NOT NULL,
    name "Name" NOT NULL,
    costrate numeric NOT NULL DEFAULT 0.00,
    availability decimal(8, 2) NOT NULL DEFAULT 0.00,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.location.locationid IS 'Primary key for Location records.';
COMMENT ON COLUMN production.location.name IS 'Location description.';
COMMENT ON COLUMN production.location.costrate IS 'Standard hourly cost of the manufacturing location.';
COMMENT ON COLUMN production.location.availability IS 'Work capacity (in hours) of the manufacturing location.';

CREATE TABLE production.productinventory (
    productid integer NOT NULL,
    locationid smallint NOT NULL,
    shelf varchar(10) NOT NULL,
    bin smallint NOT NULL,
    quantity smallint NOT NULL DEFAULT 0,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productinventory.productid IS 'Product identification number. Foreign key to Product.ProductID.';
COMMENT ON COLUMN production.productinventory.locationid IS 'Inventory location identification number. Foreign key to Location.LocationID.';
COMMENT ON COLUMN production.productinventory.shelf IS 'Storage compartment within an inventory location.';
COMMENT ON COLUMN production.productinventory.bin IS 'Storage container on a shelf in an inventory location.';
COMMENT ON COLUMN production.productinventory.quantity IS 'Quantity of products in the inventory location.';

CREATE TABLE production.productlistpricehistory (
    productid integer NOT NULL,
    startdate timestamp NOT NULL,
    enddate timestamp,
    listprice numeric NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productlistpricehistory.productid IS 'Product identification number. Foreign key to Product.ProductID';
COMMENT ON COLUMN production.productlistpricehistory.startdate IS 'List price start date.';
COMMENT ON COLUMN production.productlistpricehistory.enddate IS 'List price end date';
COMMENT ON COLUMN production.productlistpricehistory.listprice IS 'Product list price.';

CREATE TABLE production.illustration (
    illustrationid serial NOT NULL,
    diagram xml,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.illustration.illustrationid IS 'Primary key for Illustration records.';
COMMENT ON COLUMN production.illustration.diagram IS 'Illustrations used in manufacturing instructions. Stored as XML.';

CREATE TABLE production.productmodelillustration (
    productmodelid integer NOT NULL,
    illustrationid integer NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productmodelillustration.productmodelid IS 'Primary key. Foreign key to ProductModel.ProductModelID.';
COMMENT ON COLUMN production.productmodelillustration.illustrationid IS 'Primary key. Foreign key to Illustration.IllustrationID.';

CREATE TABLE production.productmodelproductdescriptionculture (
    productmodelid integer NOT NULL,
    productdescriptionid integer NOT NULL,
    cultureid char(6) NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productmodelproductdescriptionculture.productmodelid IS 'Primary key. Foreign key to ProductModel.ProductModelID.';
COMMENT ON COLUMN production.productmodelproductdescriptionculture.productdescriptionid IS 'Primary key. Foreign key to ProductDescription.ProductDescriptionID.';
COMMENT ON COLUMN production.productmodelproductdescriptionculture.cultureid IS 'Culture identification number. Foreign key to Culture.CultureID.';

CREATE TABLE production.productphoto (
    productphotoid serial NOT NULL,
    thumbnailphoto bytea,
    thumbnailphotofilename varchar(50),
    largephoto bytea,
    largephotofilename varchar(50),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productphoto.productphotoid IS 'Primary key for ProductPhoto records.';
COMMENT ON COLUMN production.productphoto.thumbnailphoto IS 'Small image of the product.';
COMMENT ON COLUMN production.productphoto.thumbnailphotofilename IS 'Small image file name.';
COMMENT ON COLUMN production.productphoto.largephoto IS 'Large image of the product.';
COMMENT ON COLUMN production.productphoto.largephotofilename IS 'Large image file name.';

CREATE TABLE production.productproductphoto (
    productid integer NOT NULL,
    productphotoid integer NOT NULL,
    "primary" "Flag" NOT NULL DEFAULT false,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productproductphoto.productid IS 'Product identification number. Foreign key to Product.ProductID.';
COMMENT ON COLUMN production.productproductphoto.productphotoid IS 'Product photo identification number. Foreign key to ProductPhoto.ProductPhotoID.';
COMMENT ON COLUMN production.productproductphoto."primary" IS '0 = Photo is not the principal image. 1 = Photo is the principal image.';

CREATE TABLE production.productreview (
    productreviewid serial NOT NULL,
    productid integer NOT NULL,
    reviewername "Name" NOT NULL,
    reviewdate timestamp NOT NULL DEFAULT now(),
    emailaddress varchar(50) NOT NULL,
    rating integer NOT NULL,
    comments varchar(3850),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.productreview.productreviewid IS 'Primary key for ProductReview records.';
COMMENT ON COLUMN production.productreview.productid IS 'Product identification number. Foreign key to Product.ProductID.';
COMMENT ON COLUMN production.productreview.reviewername IS 'Name of the reviewer.';
COMMENT ON COLUMN production.productreview.reviewdate IS 'Date review was submitted.';
COMMENT ON COLUMN production.productreview.emailaddress IS 'Reviewer''s e-mail address.';
COMMENT ON COLUMN production.productreview.rating IS 'Product rating given by the reviewer. Scale is 1 to 5 with 5 as the highest rating.';
COMMENT ON COLUMN production.productreview.comments IS 'Reviewer''s comments';

CREATE TABLE production.scrapreason (
    scrapreasonid serial NOT NULL,
    name "Name" NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.scrapreason.scrapreasonid IS 'Primary key for ScrapReason records.';
COMMENT ON COLUMN production.scrapreason.name IS 'Failure description.';

CREATE TABLE production.transactionhistory (
    transactionid serial NOT NULL,
    productid integer NOT NULL,
    referenceorderid integer NOT NULL,
    referenceorderlineid integer NOT NULL DEFAULT 0,
    transactiondate timestamp NOT NULL DEFAULT now(),
    transactiontype char(1) NOT NULL,
    quantity integer NOT NULL,
    actualcost numeric NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.transactionhistory.transactionid IS 'Primary key for TransactionHistory records.';
COMMENT ON COLUMN production.transactionhistory.productid IS 'Product identification number. Foreign key to Product.ProductID.';
COMMENT ON COLUMN production.transactionhistory.referenceorderid IS 'Purchase order, sales order, or work order identification number.';
COMMENT ON COLUMN production.transactionhistory.referenceorderlineid IS 'Line number associated with the purchase order, sales order, or work order.';
COMMENT ON COLUMN production.transactionhistory.transactiondate IS 'Date and time of the transaction.';
COMMENT ON COLUMN production.transactionhistory.transactiontype IS 'W = WorkOrder, S = SalesOrder, P = PurchaseOrder';
COMMENT ON COLUMN production.transactionhistory.quantity IS 'Product quantity.';
COMMENT ON COLUMN production.transactionhistory.actualcost IS 'Product cost.';

CREATE TABLE production.transactionhistoryarchive (
    transactionid integer NOT NULL,
    productid integer NOT NULL,
    referenceorderid integer NOT NULL,
    referenceorderlineid integer NOT NULL DEFAULT 0,
    transactiondate timestamp NOT NULL DEFAULT now(),
    transactiontype char(1) NOT NULL,
    quantity integer NOT NULL,
    actualcost numeric NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.transactionhistoryarchive.transactionid IS 'Primary key for TransactionHistoryArchive records.';
COMMENT ON COLUMN production.transactionhistoryarchive.productid IS 'Product identification number. Foreign key to Product.ProductID.';
COMMENT ON COLUMN production.transactionhistoryarchive.referenceorderid IS 'Purchase order, sales order, or work order identification number.';
COMMENT ON COLUMN production.transactionhistoryarchive.referenceorderlineid IS 'Line number associated with the purchase order, sales order, or work order.';
COMMENT ON COLUMN production.transactionhistoryarchive.transactiondate IS 'Date and time of the transaction.';
COMMENT ON COLUMN production.transactionhistoryarchive.transactiontype IS 'W = Work Order, S = Sales Order, P = Purchase Order';
COMMENT ON COLUMN production.transactionhistoryarchive.quantity IS 'Product quantity.';
COMMENT ON COLUMN production.transactionhistoryarchive.actualcost IS 'Product cost.';

CREATE TABLE production.unitmeasure (
    unitmeasurecode char(3) NOT NULL,
    name "Name" NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.unitmeasure.unitmeasurecode IS 'Primary key.';
COMMENT ON COLUMN production.unitmeasure.name IS 'Unit of measure description.';

CREATE TABLE production.workorder (
    workorderid serial NOT NULL,
    productid integer NOT NULL,
    orderqty integer NOT NULL,
    scrappedqty smallint NOT NULL,
    startdate timestamp NOT NULL,
    enddate timestamp,
    duedate timestamp NOT NULL,
    scrapreasonid smallint,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.workorder.workorderid IS 'Primary key for WorkOrder records.';
COMMENT ON COLUMN production.workorder.productid IS 'Product identification number. Foreign key to Product.ProductID.';
COMMENT ON COLUMN production.workorder.orderqty IS 'Product quantity to build.';
COMMENT ON COLUMN production.workorder.scrappedqty IS 'Quantity that failed inspection.';
COMMENT ON COLUMN production.workorder.startdate IS 'Work order start date.';
COMMENT ON COLUMN production.workorder.enddate IS 'Work order end date.';
COMMENT ON COLUMN production.workorder.duedate IS 'Work order due date.';
COMMENT ON COLUMN production.workorder.scrapreasonid IS 'Reason for inspection failure.';

CREATE TABLE production.workorderrouting (
    workorderid integer NOT NULL,
    productid integer NOT NULL,
    operationsequence smallint NOT NULL,
    locationid smallint NOT NULL,
    scheduledstartdate timestamp NOT NULL,
    scheduledenddate timestamp NOT NULL,
    actualstartdate timestamp,
    actualenddate timestamp,
    actualresourcehrs decimal(9, 4),
    plannedcost numeric NOT NULL,
    actualcost numeric,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN production.workorderrouting.workorderid IS 'Primary key. Foreign key to WorkOrder.WorkOrderID.';
COMMENT ON COLUMN production.workorderrouting.productid IS 'Primary key. Foreign key to Product.ProductID.';
COMMENT ON COLUMN production.workorderrouting.operationsequence IS 'Primary key. Indicates the manufacturing process sequence.';
COMMENT ON COLUMN production.workorderrouting.locationid IS 'Manufacturing location where the part is processed. Foreign key to Location.LocationID.';
COMMENT ON COLUMN production.workorderrouting.scheduledstartdate IS 'Planned manufacturing start date.';
COMMENT ON COLUMN production.workorderrouting.scheduledenddate IS 'Planned manufacturing end date.';
COMMENT ON COLUMN production.workorderrouting.actualstartdate IS 'Actual start date.';
COMMENT ON COLUMN production.workorderrouting.actualenddate IS 'Actual end date.';
COMMENT ON COLUMN production.workorderrouting.actualresourcehrs IS 'Number of manufacturing hours used.';
COMMENT ON COLUMN production.workorderrouting.plannedcost IS 'Estimated manufacturing cost.';
COMMENT ON COLUMN production.workorderrouting.actualcost IS 'Actual manufacturing cost.';

CREATE TABLE purchasing.productvendor (
    productid integer NOT NULL,
    businessentityid integer NOT NULL,
    averageleadtime integer NOT NULL,
    standardprice numeric NOT NULL,
    lastreceiptcost numeric,
    lastreceiptdate timestamp,
    minorderqty integer NOT NULL,
    maxorderqty integer NOT NULL,
    onorderqty integer,
    unitmeasurecode char(3) NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN purchasing.productvendor.productid IS 'Primary key. Foreign key to Product.ProductID.';
COMMENT ON COLUMN purchasing.productvendor.businessentityid IS 'Primary key. Foreign key to Vendor.BusinessEntityID.';
COMMENT ON COLUMN purchasing.productvendor.averageleadtime IS 'The average span of time (in days) between placing an order with the vendor and receiving the purchased product.';
COMMENT ON COLUMN purchasing.productvendor.standardprice IS 'The vendor''s usual selling price.';
COMMENT ON COLUMN purchasing.productvendor.lastreceiptcost IS 'The selling price when last purchased.';
COMMENT ON COLUMN purchasing.productvendor.lastreceiptdate IS 'Date the product was last received by the vendor.';
COMMENT ON COLUMN purchasing.productvendor.minorderqty IS 'The maximum quantity that should be ordered.';
COMMENT ON COLUMN purchasing.productvendor.maxorderqty IS 'The minimum quantity that should be ordered.';
COMMENT ON COLUMN purchasing.productvendor.onorderqty IS 'The quantity currently on order.';
COMMENT ON COLUMN purchasing.productvendor.unitmeasurecode IS 'The product''s unit of measure.';

CREATE TABLE purchasing.purchaseorderdetail (
    purchaseorderid integer NOT NULL,
    purchaseorderdetailid serial NOT NULL,
    duedate timestamp NOT NULL,
    orderqty smallint NOT NULL,
    productid integer NOT NULL,
    unitprice numeric NOT NULL,
    receivedqty decimal(8, 2) NOT NULL,
    rejectedqty decimal(8, 2) NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN purchasing.purchaseorderdetail.purchaseorderid IS 'Primary key. Foreign key to PurchaseOrderHeader.PurchaseOrderID.';
COMMENT ON COLUMN purchasing.purchaseorderdetail.purchaseorderdetailid IS 'Primary key. One line number per purchased product.';
COMMENT ON COLUMN purchasing.purchaseorderdetail.duedate IS 'Date the product is expected to be received.';
COMMENT ON COLUMN purchasing.purchaseorderdetail.orderqty IS 'Quantity ordered.';
COMMENT ON COLUMN purchasing.purchaseorderdetail.productid IS 'Product identification number. Foreign key to Product.ProductID.';
COMMENT ON COLUMN purchasing.purchaseorderdetail.unitprice IS 'Vendor''s selling price of a single product.';
COMMENT ON COLUMN purchasing.purchaseorderdetail.receivedqty IS 'Quantity actually received from the vendor.';
COMMENT ON COLUMN purchasing.purchaseorderdetail.rejectedqty IS 'Quantity rejected during inspection.';

CREATE TABLE purchasing.purchaseorderheader (
    purchaseorderid serial NOT NULL,
    revisionnumber smallint NOT NULL DEFAULT 0,
    status smallint NOT NULL DEFAULT 1,
    employeeid integer NOT NULL,
    vendorid integer NOT NULL,
    shipmethodid integer NOT NULL,
    orderdate timestamp NOT NULL DEFAULT now(),
    shipdate timestamp,
    subtotal numeric NOT NULL DEFAULT 0.00,
    taxamt numeric NOT NULL DEFAULT 0.00,
    freight numeric NOT NULL DEFAULT 0.00,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN purchasing.purchaseorderheader.purchaseorderid IS 'Primary key.';
COMMENT ON COLUMN purchasing.purchaseorderheader.revisionnumber IS 'Incremental number to track changes to the purchase order over time.';
COMMENT ON COLUMN purchasing.purchaseorderheader.status IS 'Order current status. 1 = Pending; 2 = Approved; 3 = Rejected; 4 = Complete';
COMMENT ON COLUMN purchasing.purchaseorderheader.employeeid IS 'Employee who created the purchase order. Foreign key to Employee.BusinessEntityID.';
COMMENT ON COLUMN purchasing.purchaseorderheader.vendorid IS 'Vendor with whom the purchase order is placed. Foreign key to Vendor.BusinessEntityID.';
COMMENT ON COLUMN purchasing.purchaseorderheader.shipmethodid IS 'Shipping method. Foreign key to ShipMethod.ShipMethodID.';
COMMENT ON COLUMN purchasing.purchaseorderheader.orderdate IS 'Purchase order creation date.';
COMMENT ON COLUMN purchasing.purchaseorderheader.shipdate IS 'Estimated shipment date from the vendor.';
COMMENT ON COLUMN purchasing.purchaseorderheader.subtotal IS 'Purchase order subtotal. Computed as SUM(PurchaseOrderDetail.LineTotal)for the appropriate PurchaseOrderID.';
COMMENT ON COLUMN purchasing.purchaseorderheader.taxamt IS 'Tax amount.';
COMMENT ON COLUMN purchasing.purchaseorderheader.freight IS 'Shipping cost.';

CREATE TABLE purchasing.shipmethod (
    shipmethodid serial NOT NULL,
    name "Name" NOT NULL,
    shipbase numeric NOT NULL DEFAULT 0.00,
    shiprate numeric NOT NULL DEFAULT 0.00,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN purchasing.shipmethod.shipmethodid IS 'Primary key for ShipMethod records.';
COMMENT ON COLUMN purchasing.shipmethod.name IS 'Shipping company name.';
COMMENT ON COLUMN purchasing.shipmethod.shipbase IS 'Minimum shipping charge.';
COMMENT ON COLUMN purchasing.shipmethod.shiprate IS 'Shipping charge per pound.';

CREATE TABLE purchasing.vendor (
    businessentityid integer NOT NULL,
    accountnumber "AccountNumber" NOT NULL,
    name "Name" NOT NULL,
    creditrating smallint NOT NULL,
    preferredvendorstatus "Flag" NOT NULL DEFAULT true,
    activeflag "Flag" NOT NULL DEFAULT true,
    purchasingwebserviceurl varchar(1024),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN purchasing.vendor.businessentityid IS 'Primary key for Vendor records. Foreign key to BusinessEntity.BusinessEntityID';
COMMENT ON COLUMN purchasing.vendor.accountnumber IS 'Vendor account (identification) number.';
COMMENT ON COLUMN purchasing.vendor.name IS 'Company name.';
COMMENT ON COLUMN purchasing.vendor.creditrating IS '1 = Superior, 2 = Excellent, 3 = Above average, 4 = Average, 5 = Below average';
COMMENT ON COLUMN purchasing.vendor.preferredvendorstatus IS '0 = Do not use if another vendor is available. 1 = Preferred over other vendors supplying the same product.';
COMMENT ON COLUMN purchasing.vendor.activeflag IS '0 = Vendor no longer used. 1 = Vendor is actively used.';
COMMENT ON COLUMN purchasing.vendor.purchasingwebserviceurl IS 'Vendor URL.';

CREATE TABLE sales.countryregioncurrency (
    countryregioncode varchar(3) NOT NULL,
    currencycode char(3) NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.countryregioncurrency.countryregioncode IS 'ISO code for countries and regions. Foreign key to CountryRegion.CountryRegionCode.';
COMMENT ON COLUMN sales.countryregioncurrency.currencycode IS 'ISO standard currency code. Foreign key to Currency.CurrencyCode.';

CREATE TABLE sales.creditcard (
    creditcardid serial NOT NULL,
    cardtype varchar(50) NOT NULL,
    cardnumber varchar(25) NOT NULL,
    expmonth smallint NOT NULL,
    expyear smallint NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.creditcard.creditcardid IS 'Primary key for CreditCard records.';
COMMENT ON COLUMN sales.creditcard.cardtype IS 'Credit card name.';
COMMENT ON COLUMN sales.creditcard.cardnumber IS 'Credit card number.';
COMMENT ON COLUMN sales.creditcard.expmonth IS 'Credit card expiration month.';
COMMENT ON COLUMN sales.creditcard.expyear IS 'Credit card expiration year.';

CREATE TABLE sales.currency (
    currencycode char(3) NOT NULL,
    name "Name" NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.currency.currencycode IS 'The ISO code for the Currency.';
COMMENT ON COLUMN sales.currency.name IS 'Currency name.';

CREATE TABLE sales.currencyrate (
    currencyrateid serial NOT NULL,
    currencyratedate timestamp NOT NULL,
    fromcurrencycode char(3) NOT NULL,
    tocurrencycode char(3) NOT NULL,
    averagerate numeric NOT NULL,
    endofdayrate numeric NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.currencyrate.currencyrateid IS 'Primary key for CurrencyRate records.';
COMMENT ON COLUMN sales.currencyrate.currencyratedate IS 'Date and time the exchange rate was obtained.';
COMMENT ON COLUMN sales.currencyrate.fromcurrencycode IS 'Exchange rate was converted from this currency code.';
COMMENT ON COLUMN sales.currencyrate.tocurrencycode IS 'Exchange rate was converted to this currency code.';
COMMENT ON COLUMN sales.currencyrate.averagerate IS 'Average exchange rate for the day.';
COMMENT ON COLUMN sales.currencyrate.endofdayrate IS 'Final exchange rate for the day.';

CREATE TABLE sales.customer (
    customerid serial NOT NULL,
    personid integer,
    storeid integer,
    territoryid integer,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.customer.customerid IS 'Primary key.';
COMMENT ON COLUMN sales.customer.personid IS 'Foreign key to Person.BusinessEntityID';
COMMENT ON COLUMN sales.customer.storeid IS 'Foreign key to Store.BusinessEntityID';
COMMENT ON COLUMN sales.customer.territoryid IS 'ID of the territory in which the customer is located. Foreign key to SalesTerritory.SalesTerritoryID.';

CREATE TABLE sales.personcreditcard (
    businessentityid integer NOT NULL,
    creditcardid integer NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.personcreditcard.businessentityid IS 'Business entity identification number. Foreign key to Person.BusinessEntityID.';
COMMENT ON COLUMN sales.personcreditcard.creditcardid IS 'Credit card identification number. Foreign key to CreditCard.CreditCardID.';

CREATE TABLE sales.salesorderdetail (
    salesorderid integer NOT NULL,
    salesorderdetailid serial NOT NULL,
    carriertrackingnumber varchar(25),
    orderqty smallint NOT NULL,
    productid integer NOT NULL,
    specialofferid integer NOT NULL,
    unitprice numeric NOT NULL,
    unitpricediscount numeric NOT NULL DEFAULT 0.0,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.salesorderdetail.salesorderid IS 'Primary key. Foreign key to SalesOrderHeader.SalesOrderID.';
COMMENT ON COLUMN sales.salesorderdetail.salesorderdetailid IS 'Primary key. One incremental unique number per product sold.';
COMMENT ON COLUMN sales.salesorderdetail.carriertrackingnumber IS 'Shipment tracking number supplied by the shipper.';
COMMENT ON COLUMN sales.salesorderdetail.orderqty IS 'Quantity ordered per product.';
COMMENT ON COLUMN sales.salesorderdetail.productid IS 'Product sold to customer. Foreign key to Product.ProductID.';
COMMENT ON COLUMN sales.salesorderdetail.specialofferid IS 'Promotional code. Foreign key to SpecialOffer.SpecialOfferID.';
COMMENT ON COLUMN sales.salesorderdetail.unitprice IS 'Selling price of a single product.';
COMMENT ON COLUMN sales.salesorderdetail.unitpricediscount IS 'Discount amount.';

CREATE TABLE sales.salesorderheader (
    salesorderid serial NOT NULL,
    revisionnumber smallint NOT NULL DEFAULT 0,
    orderdate timestamp NOT NULL DEFAULT now(),
    duedate timestamp NOT NULL,
    shipdate timestamp,
    status smallint NOT NULL DEFAULT 1,
    onlineorderflag "Flag" NOT NULL DEFAULT true,
    purchaseordernumber "OrderNumber",
    accountnumber "AccountNumber",
    customerid integer NOT NULL,
    salespersonid integer,
    territoryid integer,
    billtoaddressid integer NOT NULL,
    shiptoaddressid integer NOT NULL,
    shipmethodid integer NOT NULL,
    creditcardid integer,
    creditcardapprovalcode varchar(15),
    currencyrateid integer,
    subtotal numeric NOT NULL DEFAULT 0.00,
    taxamt numeric NOT NULL DEFAULT 0.00,
    freight numeric NOT NULL DEFAULT 0.00,
    totaldue numeric,
    comment varchar(128),
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.salesorderheader.salesorderid IS 'Primary key.';
COMMENT ON COLUMN sales.salesorderheader.revisionnumber IS 'Incremental number to track changes to the sales order over time.';
COMMENT ON COLUMN sales.salesorderheader.orderdate IS 'Dates the sales order was created.';
COMMENT ON COLUMN sales.salesorderheader.duedate IS 'Date the order is due to the customer.';
COMMENT ON COLUMN sales.salesorderheader.shipdate IS 'Date the order was shipped to the customer.';
COMMENT ON COLUMN sales.salesorderheader.status IS 'Order current status. 1 = In process; 2 = Approved; 3 = Backordered; 4 = Rejected; 5 = Shipped; 6 = Cancelled';
COMMENT ON COLUMN sales.salesorderheader.onlineorderflag IS '0 = Order placed by sales person. 1 = Order placed online by customer.';
COMMENT ON COLUMN sales.salesorderheader.purchaseordernumber IS 'Customer purchase order number reference.';
COMMENT ON COLUMN sales.salesorderheader.accountnumber IS 'Financial accounting number reference.';
COMMENT ON COLUMN sales.salesorderheader.customerid IS 'Customer identification number. Foreign key to Customer.BusinessEntityID.';
COMMENT ON COLUMN sales.salesorderheader.salespersonid IS 'Sales person who created the sales order. Foreign key to SalesPerson.BusinessEntityID.';
COMMENT ON COLUMN sales.salesorderheader.territoryid IS 'Territory in which the sale was made. Foreign key to SalesTerritory.SalesTerritoryID.';
COMMENT ON COLUMN sales.salesorderheader.billtoaddressid IS 'Customer billing address. Foreign key to Address.AddressID.';
COMMENT ON COLUMN sales.salesorderheader.shiptoaddressid IS 'Customer shipping address. Foreign key to Address.AddressID.';
COMMENT ON COLUMN sales.salesorderheader.shipmethodid IS 'Shipping method. Foreign key to ShipMethod.ShipMethodID.';
COMMENT ON COLUMN sales.salesorderheader.creditcardid IS 'Credit card identification number. Foreign key to CreditCard.CreditCardID.';
COMMENT ON COLUMN sales.salesorderheader.creditcardapprovalcode IS 'Approval code provided by the credit card company.';
COMMENT ON COLUMN sales.salesorderheader.currencyrateid IS 'Currency exchange rate used. Foreign key to CurrencyRate.CurrencyRateID.';
COMMENT ON COLUMN sales.salesorderheader.subtotal IS 'Sales subtotal. Computed as SUM(SalesOrderDetail.LineTotal)for the appropriate SalesOrderID.';
COMMENT ON COLUMN sales.salesorderheader.taxamt IS 'Tax amount.';
COMMENT ON COLUMN sales.salesorderheader.freight IS 'Shipping cost.';
COMMENT ON COLUMN sales.salesorderheader.totaldue IS 'Total due from customer. Computed as Subtotal + TaxAmt + Freight.';
COMMENT ON COLUMN sales.salesorderheader.comment IS 'Sales representative comments.';

CREATE TABLE sales.salesorderheadersalesreason (
    salesorderid integer NOT NULL,
    salesreasonid integer NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.salesorderheadersalesreason.salesorderid IS 'Primary key. Foreign key to SalesOrderHeader.SalesOrderID.';
COMMENT ON COLUMN sales.salesorderheadersalesreason.salesreasonid IS 'Primary key. Foreign key to SalesReason.SalesReasonID.';

CREATE TABLE sales.salesperson (
    businessentityid integer NOT NULL,
    territoryid integer,
    salesquota numeric,
    bonus numeric NOT NULL DEFAULT 0.00,
    commissionpct numeric NOT NULL DEFAULT 0.00,
    salesytd numeric NOT NULL DEFAULT 0.00,
    saleslastyear numeric NOT NULL DEFAULT 0.00,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.salesperson.businessentityid IS 'Primary key for SalesPerson records. Foreign key to Employee.BusinessEntityID';
COMMENT ON COLUMN sales.salesperson.territoryid IS 'Territory currently assigned to. Foreign key to SalesTerritory.SalesTerritoryID.';
COMMENT ON COLUMN sales.salesperson.salesquota IS 'Projected yearly sales.';
COMMENT ON COLUMN sales.salesperson.bonus IS 'Bonus due if quota is met.';
COMMENT ON COLUMN sales.salesperson.commissionpct IS 'Commision percent received per sale.';
COMMENT ON COLUMN sales.salesperson.salesytd IS 'Sales total year to date.';
COMMENT ON COLUMN sales.salesperson.saleslastyear IS 'Sales total of previous year.';

CREATE TABLE sales.salespersonquotahistory (
    businessentityid integer NOT NULL,
    quotadate timestamp NOT NULL,
    salesquota numeric NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.salespersonquotahistory.businessentityid IS 'Sales person identification number. Foreign key to SalesPerson.BusinessEntityID.';
COMMENT ON COLUMN sales.salespersonquotahistory.quotadate IS 'Sales quota date.';
COMMENT ON COLUMN sales.salespersonquotahistory.salesquota IS 'Sales quota amount.';

CREATE TABLE sales.salesreason (
    salesreasonid serial NOT NULL,
    name "Name" NOT NULL,
    reasontype "Name" NOT NULL,
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.salesreason.salesreasonid IS 'Primary key for SalesReason records.';
COMMENT ON COLUMN sales.salesreason.name IS 'Sales reason description.';
COMMENT ON COLUMN sales.salesreason.reasontype IS 'Category the sales reason belongs to.';

CREATE TABLE sales.salestaxrate (
    salestaxrateid serial NOT NULL,
    stateprovinceid integer NOT NULL,
    taxtype smallint NOT NULL,
    taxrate numeric NOT NULL DEFAULT 0.00,
    name "Name" NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.salestaxrate.salestaxrateid IS 'Primary key for SalesTaxRate records.';
COMMENT ON COLUMN sales.salestaxrate.stateprovinceid IS 'State, province, or country/region the sales tax applies to.';
COMMENT ON COLUMN sales.salestaxrate.taxtype IS '1 = Tax applied to retail transactions, 2 = Tax applied to wholesale transactions, 3 = Tax applied to all sales (retail and wholesale) transactions.';
COMMENT ON COLUMN sales.salestaxrate.taxrate IS 'Tax rate amount.';
COMMENT ON COLUMN sales.salestaxrate.name IS 'Tax rate description.';

CREATE TABLE sales.salesterritory (
    territoryid serial NOT NULL,
    name "Name" NOT NULL,
    countryregioncode varchar(3) NOT NULL,
    "group" varchar(50) NOT NULL,
    salesytd numeric NOT NULL DEFAULT 0.00,
    saleslastyear numeric NOT NULL DEFAULT 0.00,
    costytd numeric NOT NULL DEFAULT 0.00,
    costlastyear numeric NOT NULL DEFAULT 0.00,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.salesterritory.territoryid IS 'Primary key for SalesTerritory records.';
COMMENT ON COLUMN sales.salesterritory.name IS 'Sales territory description';
COMMENT ON COLUMN sales.salesterritory.countryregioncode IS 'ISO standard country or region code. Foreign key to CountryRegion.CountryRegionCode.';
COMMENT ON COLUMN sales.salesterritory."group" IS 'Geographic area to which the sales territory belong.';
COMMENT ON COLUMN sales.salesterritory.salesytd IS 'Sales in the territory year to date.';
COMMENT ON COLUMN sales.salesterritory.saleslastyear IS 'Sales in the territory the previous year.';
COMMENT ON COLUMN sales.salesterritory.costytd IS 'Business costs in the territory year to date.';
COMMENT ON COLUMN sales.salesterritory.costlastyear IS 'Business costs in the territory the previous year.';

CREATE TABLE sales.salesterritoryhistory (
    businessentityid integer NOT NULL,
    territoryid integer NOT NULL,
    startdate timestamp NOT NULL,
    enddate timestamp,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.salesterritoryhistory.businessentityid IS 'Primary key. The sales rep. Foreign key to SalesPerson.BusinessEntityID.';
COMMENT ON COLUMN sales.salesterritoryhistory.territoryid IS 'Primary key. Territory identification number. Foreign key to SalesTerritory.SalesTerritoryID.';
COMMENT ON COLUMN sales.salesterritoryhistory.startdate IS 'Primary key. Date the sales representive started work in the territory.';
COMMENT ON COLUMN sales.salesterritoryhistory.enddate IS 'Date the sales representative left work in the territory.';

CREATE TABLE sales.shoppingcartitem (
    shoppingcartitemid serial NOT NULL,
    shoppingcartid varchar(50) NOT NULL,
    quantity integer NOT NULL DEFAULT 1,
    productid integer NOT NULL,
    datecreated timestamp NOT NULL DEFAULT now(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.shoppingcartitem.shoppingcartitemid IS 'Primary key for ShoppingCartItem records.';
COMMENT ON COLUMN sales.shoppingcartitem.shoppingcartid IS 'Shopping cart identification number.';
COMMENT ON COLUMN sales.shoppingcartitem.quantity IS 'Product quantity ordered.';
COMMENT ON COLUMN sales.shoppingcartitem.productid IS 'Product ordered. Foreign key to Product.ProductID.';
COMMENT ON COLUMN sales.shoppingcartitem.datecreated IS 'Date the time the record was created.';

CREATE TABLE sales.specialoffer (
    specialofferid serial NOT NULL,
    description varchar(255) NOT NULL,
    discountpct numeric NOT NULL DEFAULT 0.00,
    type varchar(50) NOT NULL,
    category varchar(50) NOT NULL,
    startdate timestamp NOT NULL,
    enddate timestamp NOT NULL,
    minqty integer NOT NULL DEFAULT 0,
    maxqty integer,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.specialoffer.specialofferid IS 'Primary key for SpecialOffer records.';
COMMENT ON COLUMN sales.specialoffer.description IS 'Discount description.';
COMMENT ON COLUMN sales.specialoffer.discountpct IS 'Discount precentage.';
COMMENT ON COLUMN sales.specialoffer.type IS 'Discount type category.';
COMMENT ON COLUMN sales.specialoffer.category IS 'Group the discount applies to such as Reseller or Customer.';
COMMENT ON COLUMN sales.specialoffer.startdate IS 'Discount start date.';
COMMENT ON COLUMN sales.specialoffer.enddate IS 'Discount end date.';
COMMENT ON COLUMN sales.specialoffer.minqty IS 'Minimum discount percent allowed.';
COMMENT ON COLUMN sales.specialoffer.maxqty IS 'Maximum discount percent allowed.';

CREATE TABLE sales.specialofferproduct (
    specialofferid integer NOT NULL,
    productid integer NOT NULL,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.specialofferproduct.specialofferid IS 'Primary key for SpecialOfferProduct records.';
COMMENT ON COLUMN sales.specialofferproduct.productid IS 'Product identification number. Foreign key to Product.ProductID.';

CREATE TABLE sales.store (
    businessentityid integer NOT NULL,
    name "Name" NOT NULL,
    salespersonid integer,
    demographics xml,
    rowguid uuid NOT NULL DEFAULT gen_random_uuid(),
    modifieddate timestamp NOT NULL DEFAULT now()
);
COMMENT ON COLUMN sales.store.businessentityid IS 'Primary key. Foreign key to Customer.BusinessEntityID.';
COMMENT ON COLUMN sales.store.name IS 'Name of the store.';
COMMENT ON COLUMN sales.store.salespersonid IS 'ID of the sales person assigned to the customer. Foreign key to SalesPerson.BusinessEntityID.';
COMMENT ON COLUMN sales.store.demographics IS 'Demographic informationg about the store such as the number of employees, annual sales and store type.';
