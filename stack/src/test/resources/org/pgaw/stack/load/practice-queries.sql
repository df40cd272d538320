-- The well-behaved learners' practice queries: what a class writes in its first weeks (joins across schemas,
-- grouping, sorting, a filter, a CTE). One statement per paragraph; a learner picks one at random, then thinks.
SELECT name, listprice FROM production.product WHERE listprice > 1000 ORDER BY listprice DESC LIMIT 20

SELECT pc.name AS category, ps.name AS subcategory,
       count(DISTINCT pv.businessentityid) AS vendors,
       count(DISTINCT sop.specialofferid) AS offers
FROM production.productcategory pc
JOIN production.productsubcategory ps ON ps.productcategoryid = pc.productcategoryid
JOIN production.product p ON p.productsubcategoryid = ps.productsubcategoryid
LEFT JOIN purchasing.productvendor pv ON pv.productid = p.productid
LEFT JOIN sales.specialofferproduct sop ON sop.productid = p.productid
GROUP BY pc.name, ps.name
ORDER BY pc.name, ps.name

SELECT pc.name AS category, count(*) AS products
FROM production.product p
JOIN production.productsubcategory ps ON ps.productsubcategoryid = p.productsubcategoryid
JOIN production.productcategory pc ON pc.productcategoryid = ps.productcategoryid
GROUP BY pc.name ORDER BY products DESC

SELECT d.name AS department, count(*) AS employees
FROM humanresources.employeedepartmenthistory h
JOIN humanresources.department d ON d.departmentid = h.departmentid
WHERE h.enddate IS NULL
GROUP BY d.name ORDER BY employees DESC

SELECT jobtitle, count(*) AS people FROM humanresources.employee GROUP BY jobtitle ORDER BY people DESC LIMIT 10

SELECT sp.name AS province, count(*) AS addresses
FROM person.address a JOIN person.stateprovince sp ON sp.stateprovinceid = a.stateprovinceid
GROUP BY sp.name ORDER BY addresses DESC LIMIT 15

SELECT v.name AS vendor, count(pv.productid) AS products
FROM purchasing.vendor v LEFT JOIN purchasing.productvendor pv ON pv.businessentityid = v.businessentityid
GROUP BY v.name ORDER BY products DESC LIMIT 10

SELECT date_trunc('month', orderdate) AS month, sum(subtotal) AS ordered
FROM purchasing.purchaseorderheader GROUP BY 1 ORDER BY 1

SELECT p.name, sum(i.quantity) AS in_stock
FROM production.productinventory i JOIN production.product p ON p.productid = i.productid
GROUP BY p.name ORDER BY in_stock DESC LIMIT 10

SELECT productid, reviewername, rating FROM production.productreview ORDER BY rating DESC

SELECT color, count(*) AS products, round(avg(listprice), 2) AS average_price
FROM production.product WHERE color IS NOT NULL GROUP BY color ORDER BY products DESC

SELECT t.name AS territory, t.countryregioncode, count(sp.businessentityid) AS salespeople
FROM sales.salesterritory t LEFT JOIN sales.salesperson sp ON sp.territoryid = t.territoryid
GROUP BY t.name, t.countryregioncode ORDER BY t.name

SELECT description, discountpct, startdate, enddate FROM sales.specialoffer ORDER BY discountpct DESC

SELECT emailaddress FROM person.emailaddress WHERE emailaddress LIKE 'a%' ORDER BY emailaddress LIMIT 25

SELECT cardtype, count(*) AS cards FROM sales.creditcard GROUP BY cardtype ORDER BY cards DESC

WITH current_cost AS (
    SELECT productid, standardcost FROM production.productcosthistory WHERE enddate IS NULL
)
SELECT p.name, c.standardcost, p.listprice, p.listprice - c.standardcost AS margin
FROM current_cost c JOIN production.product p ON p.productid = c.productid
ORDER BY margin DESC LIMIT 10

SELECT s.name AS store, count(c.customerid) AS customers
FROM sales.store s LEFT JOIN sales.customer c ON c.storeid = s.businessentityid
GROUP BY s.name ORDER BY customers DESC LIMIT 10
