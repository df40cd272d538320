-- Ordinary practice queries on AdventureWorks (one per line). Each must be deterministic (ORDER BY) and return
-- at most max_rows rows, so that through the proxy the result must be byte-for-byte what PostgreSQL returns.
SELECT name, productnumber, listprice FROM production.product WHERE listprice > 3000 ORDER BY productid
SELECT count(*) FROM sales.customer
SELECT territoryid, count(*) AS customers FROM sales.customer GROUP BY territoryid ORDER BY territoryid
SELECT p.name, c.name AS category FROM production.product p JOIN production.productsubcategory s ON s.productsubcategoryid = p.productsubcategoryid JOIN production.productcategory c ON c.productcategoryid = s.productcategoryid ORDER BY p.productid LIMIT 50
SELECT e.jobtitle, count(*) FROM humanresources.employee e GROUP BY e.jobtitle HAVING count(*) > 1 ORDER BY 2 DESC, 1
SELECT d.name, count(h.businessentityid) FROM humanresources.department d LEFT JOIN humanresources.employeedepartmenthistory h ON h.departmentid = d.departmentid AND h.enddate IS NULL GROUP BY d.name ORDER BY d.name
SELECT a.city, sp.name AS province FROM person.address a JOIN person.stateprovince sp ON sp.stateprovinceid = a.stateprovinceid WHERE a.city LIKE 'Bo%' ORDER BY a.addressid LIMIT 100
SELECT addressline1, city, postalcode FROM person.address WHERE addressline1 LIKE '%é%' ORDER BY addressid LIMIT 50
SELECT v.name, count(pv.productid) FROM purchasing.vendor v JOIN purchasing.productvendor pv ON pv.businessentityid = v.businessentityid GROUP BY v.name ORDER BY 2 DESC, 1 LIMIT 20
SELECT poh.purchaseorderid, poh.orderdate::date, sum(pod.orderqty * pod.unitprice)::numeric(12,2) AS total FROM purchasing.purchaseorderheader poh JOIN purchasing.purchaseorderdetail pod USING (purchaseorderid) GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 25
SELECT productid, name, listprice, rank() OVER (ORDER BY listprice DESC) FROM production.product WHERE listprice > 0 ORDER BY 4, productid LIMIT 40
WITH cheap AS (SELECT productid, name FROM production.product WHERE listprice BETWEEN 1 AND 10) SELECT * FROM cheap ORDER BY productid
SELECT name FROM production.product WHERE productid IN (SELECT productid FROM production.productinventory WHERE quantity = 0) ORDER BY name
SELECT currencycode, name FROM sales.currency WHERE name ILIKE '%dollar%' ORDER BY currencycode
SELECT countryregioncode, name FROM person.countryregion ORDER BY countryregioncode
SELECT s.name AS store, sp.salesytd FROM sales.store s JOIN sales.salesperson sp ON sp.businessentityid = s.salespersonid ORDER BY s.businessentityid LIMIT 30
SELECT extract(year FROM ratechangedate) AS year, count(*) FROM humanresources.employeepayhistory GROUP BY 1 ORDER BY 1
SELECT jobcandidateid, left(resume::text, 60) FROM humanresources.jobcandidate ORDER BY jobcandidateid
SELECT productphotoid, length(largephoto), substring(largephoto FROM 1 FOR 6) FROM production.productphoto ORDER BY productphotoid LIMIT 10
SELECT name, to_char(modifieddate, 'YYYY-MM-DD') FROM sales.salesreason ORDER BY salesreasonid
SELECT shiftid, name, starttime, endtime FROM humanresources.shift ORDER BY shiftid
SELECT 'literal; with a semicolon' AS s, $$dollar 'quoted'$$ AS d, E'esc\\aped' AS e
SELECT st.name, sum(sp.salesytd)::numeric(14,2) FROM sales.salesterritory st JOIN sales.salesperson sp ON sp.territoryid = st.territoryid GROUP BY st.name ORDER BY 2 DESC
SELECT DISTINCT ON (productsubcategoryid) productsubcategoryid, name, listprice FROM production.product WHERE productsubcategoryid IS NOT NULL ORDER BY productsubcategoryid, listprice DESC, productid
SELECT p.name FROM production.product p WHERE NOT EXISTS (SELECT 1 FROM production.productreview r WHERE r.productid = p.productid) AND p.listprice > 2000 ORDER BY p.productid
SELECT cardtype, count(*) FROM sales.creditcard GROUP BY cardtype ORDER BY cardtype
