package org.pgaw.stack.e2e;

import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.pgaw.db.AdventureWorksLoader;
import org.pgaw.db.BundledData;
import org.pgaw.db.RoleConfig;

/**
 * AdventureWorks as the stack serves it, and the practice query the learners run on it. Expected results are
 * computed from the database itself, so the test does not depend on row counts of the data files.
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

    /** The project's own loader (org.pgaw.db) on the files the project carries (61 of 68 tables): schema, data, roles. */
    public static void load(DataSource ds, String ownerPassword, String learnerPassword) throws Exception {
        Path data = BundledData.extractTo(Path.of("target", "adventureworks-data").toAbsolutePath());
        try (Connection c = ds.getConnection()) {
            AdventureWorksLoader.standard().load(c, data, RoleConfig.withPasswords(ownerPassword, learnerPassword),
                    false, line -> { });
        }
    }
}
