package org.pgaw.stack.e2e;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A small slice of AdventureWorks (real table and column names from the shared dictionary) in the schemas
 * the practice query joins: production, purchasing and sales. Replace with the project's loader
 * (org.pgaw.db) once it is on main; the test computes every expected result from the database itself, so
 * it holds for either.
 */
public final class AdventureWorksFixture {
    private AdventureWorksFixture() { }

    /** Category, subcategory, how many vendors supply it, how many special offers include it. */
    public static final String PRACTICE_QUERY = """
            SELECT pc.name AS category, ps.name AS subcategory,
                   count(DISTINCT pv.businessentityid) AS vendors,
                   count(DISTINCT sop.specialofferid) AS offers
            FROM production.productcategory pc
            JOIN production.productsubcategory ps ON ps.productcategoryid = pc.productcategoryid
            JOIN production.product p ON p.productsubcategoryid = ps.productsubcategoryid
            LEFT JOIN purchasing.productvendor pv ON pv.productid = p.productid
            LEFT JOIN sales.specialofferproduct sop ON sop.productid = p.productid
            GROUP BY pc.name, ps.name
            ORDER BY pc.name, ps.name""";

    public static void load(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("""
                CREATE SCHEMA production; CREATE SCHEMA purchasing; CREATE SCHEMA sales;
                CREATE TABLE production.productcategory (productcategoryid serial PRIMARY KEY, name varchar(50) NOT NULL);
                CREATE TABLE production.productsubcategory (productsubcategoryid serial PRIMARY KEY,
                    productcategoryid int NOT NULL REFERENCES production.productcategory, name varchar(50) NOT NULL);
                CREATE TABLE production.product (productid serial PRIMARY KEY, name varchar(50) NOT NULL,
                    productnumber varchar(25) NOT NULL, listprice numeric NOT NULL,
                    productsubcategoryid int REFERENCES production.productsubcategory);
                CREATE TABLE purchasing.vendor (businessentityid int PRIMARY KEY, name varchar(50) NOT NULL);
                CREATE TABLE purchasing.productvendor (productid int REFERENCES production.product,
                    businessentityid int REFERENCES purchasing.vendor, standardprice numeric NOT NULL,
                    PRIMARY KEY (productid, businessentityid));
                CREATE TABLE sales.specialoffer (specialofferid serial PRIMARY KEY, description varchar(255) NOT NULL);
                CREATE TABLE sales.specialofferproduct (specialofferid int REFERENCES sales.specialoffer,
                    productid int REFERENCES production.product, PRIMARY KEY (specialofferid, productid));
                INSERT INTO production.productcategory (name) VALUES ('Bikes'), ('Components'), ('Clothing'), ('Accessories');
                INSERT INTO production.productsubcategory (productcategoryid, name) VALUES
                    (1, 'Mountain Bikes'), (1, 'Road Bikes'), (2, 'Handlebars'), (2, 'Wheels'),
                    (3, 'Jerseys'), (3, 'Gloves'), (4, 'Helmets'), (4, 'Locks');
                INSERT INTO production.product (name, productnumber, listprice, productsubcategoryid)
                    SELECT 'Product ' || g, 'PN-' || g, 10 + g, 1 + g % 8 FROM generate_series(1, 120) g;
                INSERT INTO purchasing.vendor SELECT 1000 + g, 'Vendor ' || g FROM generate_series(1, 12) g;
                INSERT INTO purchasing.productvendor
                    SELECT p, 1000 + 1 + (p * 7 + v) % 12, 5 + p FROM generate_series(1, 120) p, generate_series(0, 1) v
                    WHERE p % 3 <> 0 ON CONFLICT DO NOTHING;
                INSERT INTO sales.specialoffer (description) VALUES ('No Discount'), ('Volume Discount'), ('Mountain-100 Clearance');
                INSERT INTO sales.specialofferproduct SELECT 1 + (p % 3), p FROM generate_series(1, 120) p WHERE p % 4 <> 0;
                ANALYZE;
                """);
        }
    }
}
