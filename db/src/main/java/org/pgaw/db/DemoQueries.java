package org.pgaw.db;

/** Practice queries that work on the full data and on the offline mirror alike. */
public final class DemoQueries {
    private DemoQueries() { }

    /** Sales people, their territory and their city: sales, humanresources and person in one join (17 rows). */
    public static final String THREE_SCHEMA_JOIN = """
            SELECT e.jobtitle, st.name AS territory, a.city, sp.salesytd
            FROM sales.salesperson sp
            JOIN humanresources.employee e ON e.businessentityid = sp.businessentityid
            JOIN person.businessentityaddress bea ON bea.businessentityid = sp.businessentityid
            JOIN person.address a ON a.addressid = bea.addressid
            LEFT JOIN sales.salesterritory st ON st.territoryid = sp.territoryid
            ORDER BY sp.salesytd DESC""";
}
