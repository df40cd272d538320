-- Convenience views in the spirit of the well-known AdventureWorks views, written for pgaw.
-- Each one answers a question learners ask often; their SQL is a worked example of multi-table joins.

CREATE VIEW person.vstateprovincecountryregion AS
SELECT sp.stateprovinceid, sp.stateprovincecode, sp.isonlystateprovinceflag, sp.name AS stateprovincename,
       sp.territoryid, cr.countryregioncode, cr.name AS countryregionname
FROM person.stateprovince sp
JOIN person.countryregion cr ON cr.countryregioncode = sp.countryregioncode;
COMMENT ON VIEW person.vstateprovincecountryregion IS 'States and provinces with the name of their country or region.';

CREATE VIEW humanresources.vemployee AS
SELECT e.businessentityid, p.title, p.firstname, p.middlename, p.lastname, p.suffix, e.jobtitle,
       pp.phonenumber, pnt.name AS phonenumbertype, ea.emailaddress, p.emailpromotion,
       a.addressline1, a.addressline2, a.city, sp.name AS stateprovincename, a.postalcode,
       cr.name AS countryregionname
FROM humanresources.employee e
JOIN person.person p ON p.businessentityid = e.businessentityid
JOIN person.businessentityaddress bea ON bea.businessentityid = e.businessentityid
JOIN person.address a ON a.addressid = bea.addressid
JOIN person.stateprovince sp ON sp.stateprovinceid = a.stateprovinceid
JOIN person.countryregion cr ON cr.countryregioncode = sp.countryregioncode
LEFT JOIN person.personphone pp ON pp.businessentityid = p.businessentityid
LEFT JOIN person.phonenumbertype pnt ON pnt.phonenumbertypeid = pp.phonenumbertypeid
LEFT JOIN person.emailaddress ea ON ea.businessentityid = p.businessentityid;
COMMENT ON VIEW humanresources.vemployee IS 'Employees with name, job title, phone, e-mail and address.';

CREATE VIEW humanresources.vemployeedepartment AS
SELECT e.businessentityid, p.title, p.firstname, p.middlename, p.lastname, p.suffix, e.jobtitle,
       d.name AS department, d.groupname, edh.startdate
FROM humanresources.employee e
JOIN person.person p ON p.businessentityid = e.businessentityid
JOIN humanresources.employeedepartmenthistory edh ON edh.businessentityid = e.businessentityid
JOIN humanresources.department d ON d.departmentid = edh.departmentid
WHERE edh.enddate IS NULL;
COMMENT ON VIEW humanresources.vemployeedepartment IS 'Employees and the department they work in now.';

CREATE VIEW humanresources.vemployeedepartmenthistory AS
SELECT e.businessentityid, p.title, p.firstname, p.middlename, p.lastname, p.suffix,
       s.name AS shift, d.name AS department, d.groupname, edh.startdate, edh.enddate
FROM humanresources.employee e
JOIN person.person p ON p.businessentityid = e.businessentityid
JOIN humanresources.employeedepartmenthistory edh ON edh.businessentityid = e.businessentityid
JOIN humanresources.department d ON d.departmentid = edh.departmentid
JOIN humanresources.shift s ON s.shiftid = edh.shiftid;
COMMENT ON VIEW humanresources.vemployeedepartmenthistory IS 'Every department and shift each employee has worked in.';

CREATE VIEW sales.vsalesperson AS
SELECT s.businessentityid, p.title, p.firstname, p.middlename, p.lastname, p.suffix, e.jobtitle,
       pp.phonenumber, pnt.name AS phonenumbertype, ea.emailaddress, p.emailpromotion,
       a.addressline1, a.addressline2, a.city, sp.name AS stateprovincename, a.postalcode,
       cr.name AS countryregionname, st.name AS territoryname, st."group" AS territorygroup,
       s.salesquota, s.salesytd, s.saleslastyear
FROM sales.salesperson s
JOIN humanresources.employee e ON e.businessentityid = s.businessentityid
JOIN person.person p ON p.businessentityid = s.businessentityid
JOIN person.businessentityaddress bea ON bea.businessentityid = s.businessentityid
JOIN person.address a ON a.addressid = bea.addressid
JOIN person.stateprovince sp ON sp.stateprovinceid = a.stateprovinceid
JOIN person.countryregion cr ON cr.countryregioncode = sp.countryregioncode
LEFT JOIN sales.salesterritory st ON st.territoryid = s.territoryid
LEFT JOIN person.emailaddress ea ON ea.businessentityid = p.businessentityid
LEFT JOIN person.personphone pp ON pp.businessentityid = p.businessentityid
LEFT JOIN person.phonenumbertype pnt ON pnt.phonenumbertypeid = pp.phonenumbertypeid;
COMMENT ON VIEW sales.vsalesperson IS 'Sales people with contact details, territory, quota and sales figures.';

CREATE VIEW sales.vindividualcustomer AS
SELECT p.businessentityid, p.title, p.firstname, p.middlename, p.lastname, p.suffix,
       pp.phonenumber, pnt.name AS phonenumbertype, ea.emailaddress, p.emailpromotion,
       at.name AS addresstype, a.addressline1, a.addressline2, a.city, sp.name AS stateprovincename,
       a.postalcode, cr.name AS countryregionname, p.demographics
FROM person.person p
JOIN sales.customer c ON c.personid = p.businessentityid AND c.storeid IS NULL
JOIN person.businessentityaddress bea ON bea.businessentityid = p.businessentityid
JOIN person.address a ON a.addressid = bea.addressid
JOIN person.addresstype at ON at.addresstypeid = bea.addresstypeid
JOIN person.stateprovince sp ON sp.stateprovinceid = a.stateprovinceid
JOIN person.countryregion cr ON cr.countryregioncode = sp.countryregioncode
LEFT JOIN person.emailaddress ea ON ea.businessentityid = p.businessentityid
LEFT JOIN person.personphone pp ON pp.businessentityid = p.businessentityid
LEFT JOIN person.phonenumbertype pnt ON pnt.phonenumbertypeid = pp.phonenumbertypeid;
COMMENT ON VIEW sales.vindividualcustomer IS 'Customers who are individuals (not stores), with address and contact details.';

CREATE VIEW sales.vstorewithaddresses AS
SELECT s.businessentityid, s.name, at.name AS addresstype, a.addressline1, a.addressline2, a.city,
       sp.name AS stateprovincename, a.postalcode, cr.name AS countryregionname
FROM sales.store s
JOIN person.businessentityaddress bea ON bea.businessentityid = s.businessentityid
JOIN person.address a ON a.addressid = bea.addressid
JOIN person.addresstype at ON at.addresstypeid = bea.addresstypeid
JOIN person.stateprovince sp ON sp.stateprovinceid = a.stateprovinceid
JOIN person.countryregion cr ON cr.countryregioncode = sp.countryregioncode;
COMMENT ON VIEW sales.vstorewithaddresses IS 'Stores (reseller customers) and their addresses.';

CREATE VIEW sales.vstorewithcontacts AS
SELECT s.businessentityid, s.name, ct.name AS contacttype, p.title, p.firstname, p.middlename, p.lastname,
       p.suffix, pp.phonenumber, ea.emailaddress, p.emailpromotion
FROM sales.store s
JOIN person.businessentitycontact bec ON bec.businessentityid = s.businessentityid
JOIN person.contacttype ct ON ct.contacttypeid = bec.contacttypeid
JOIN person.person p ON p.businessentityid = bec.personid
LEFT JOIN person.emailaddress ea ON ea.businessentityid = p.businessentityid
LEFT JOIN person.personphone pp ON pp.businessentityid = p.businessentityid;
COMMENT ON VIEW sales.vstorewithcontacts IS 'Stores and the people to contact there.';

CREATE VIEW purchasing.vvendorwithaddresses AS
SELECT v.businessentityid, v.name, at.name AS addresstype, a.addressline1, a.addressline2, a.city,
       sp.name AS stateprovincename, a.postalcode, cr.name AS countryregionname
FROM purchasing.vendor v
JOIN person.businessentityaddress bea ON bea.businessentityid = v.businessentityid
JOIN person.address a ON a.addressid = bea.addressid
JOIN person.addresstype at ON at.addresstypeid = bea.addresstypeid
JOIN person.stateprovince sp ON sp.stateprovinceid = a.stateprovinceid
JOIN person.countryregion cr ON cr.countryregioncode = sp.countryregioncode;
COMMENT ON VIEW purchasing.vvendorwithaddresses IS 'Vendors and their addresses.';

CREATE VIEW purchasing.vvendorwithcontacts AS
SELECT v.businessentityid, v.name, ct.name AS contacttype, p.title, p.firstname, p.middlename, p.lastname,
       p.suffix, pp.phonenumber, ea.emailaddress, p.emailpromotion
FROM purchasing.vendor v
JOIN person.businessentitycontact bec ON bec.businessentityid = v.businessentityid
JOIN person.contacttype ct ON ct.contacttypeid = bec.contacttypeid
JOIN person.person p ON p.businessentityid = bec.personid
LEFT JOIN person.emailaddress ea ON ea.businessentityid = p.businessentityid
LEFT JOIN person.personphone pp ON pp.businessentityid = p.businessentityid;
COMMENT ON VIEW purchasing.vvendorwithcontacts IS 'Vendors and the people to contact there.';

CREATE VIEW production.vproductanddescription AS
SELECT p.productid, p.name, pm.name AS productmodel, pmx.cultureid, pd.description
FROM production.product p
JOIN production.productmodel pm ON pm.productmodelid = p.productmodelid
JOIN production.productmodelproductdescriptionculture pmx ON pmx.productmodelid = pm.productmodelid
JOIN production.productdescription pd ON pd.productdescriptionid = pmx.productdescriptionid;
COMMENT ON VIEW production.vproductanddescription IS 'Products with their model and description, one row per language (cultureid).';
