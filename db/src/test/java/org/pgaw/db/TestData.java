package org.pgaw.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.pgaw.db.testing.BundledMirror;

/** The bundled upstream files, and facts about it computed independently of the loader. */
final class TestData {
    private TestData() { }

    /** The files the project carries, extracted into this module's {@code target/} and verified ({@link BundledMirror}). */
    static Path mirror() {
        return BundledMirror.path();
    }

    /** Files the project does not carry (the seven largest, see db/README.md) and the tables that therefore stay empty. */
    static final Map<String, String> MISSING = Map.of(
            "person.person", "Person.csv",
            "sales.salesorderdetail", "SalesOrderDetail.csv",
            "sales.salesorderheader", "SalesOrderHeader.csv",
            "production.transactionhistory", "TransactionHistory.csv",
            "production.transactionhistoryarchive", "TransactionHistoryArchive.csv",
            "production.workorder", "WorkOrder.csv",
            "production.workorderrouting", "WorkOrderRouting.csv");

    /**
     * Row counts of the mirror's files, counted with Python's csv module (an implementation independent of
     * the loader's); they add up to 244,068 rows.
     */
    static final Map<String, Long> EXPECTED_ROWS = new TreeMap<>(Map.ofEntries(
            Map.entry("person.businessentity", 20777L), Map.entry("person.stateprovince", 181L),
            Map.entry("person.address", 19614L), Map.entry("person.addresstype", 6L),
            Map.entry("person.businessentityaddress", 19614L), Map.entry("person.contacttype", 20L),
            Map.entry("person.businessentitycontact", 909L), Map.entry("person.emailaddress", 19972L),
            Map.entry("person.password", 19972L), Map.entry("person.phonenumbertype", 3L),
            Map.entry("person.personphone", 19972L), Map.entry("person.countryregion", 238L),
            Map.entry("humanresources.department", 16L), Map.entry("humanresources.employee", 290L),
            Map.entry("humanresources.employeedepartmenthistory", 296L), Map.entry("humanresources.employeepayhistory", 316L),
            Map.entry("humanresources.jobcandidate", 13L), Map.entry("humanresources.shift", 3L),
            Map.entry("production.billofmaterials", 2679L), Map.entry("production.culture", 8L),
            Map.entry("production.document", 13L), Map.entry("production.productcategory", 4L),
            Map.entry("production.productsubcategory", 37L), Map.entry("production.productmodel", 128L),
            Map.entry("production.product", 504L), Map.entry("production.productcosthistory", 395L),
            Map.entry("production.productdescription", 762L), Map.entry("production.productdocument", 32L),
            Map.entry("production.location", 14L), Map.entry("production.productinventory", 1069L),
            Map.entry("production.productlistpricehistory", 395L), Map.entry("production.illustration", 5L),
            Map.entry("production.productmodelillustration", 7L),
            Map.entry("production.productmodelproductdescriptionculture", 762L),
            Map.entry("production.productphoto", 101L), Map.entry("production.productproductphoto", 504L),
            Map.entry("production.productreview", 4L), Map.entry("production.scrapreason", 16L),
            Map.entry("production.unitmeasure", 38L), Map.entry("purchasing.productvendor", 460L),
            Map.entry("purchasing.purchaseorderdetail", 8845L), Map.entry("purchasing.purchaseorderheader", 4012L),
            Map.entry("purchasing.shipmethod", 5L), Map.entry("purchasing.vendor", 104L),
            Map.entry("sales.countryregioncurrency", 109L), Map.entry("sales.creditcard", 19118L),
            Map.entry("sales.currency", 105L), Map.entry("sales.currencyrate", 13532L),
            Map.entry("sales.customer", 19820L), Map.entry("sales.personcreditcard", 19118L),
            Map.entry("sales.salesorderheadersalesreason", 27647L), Map.entry("sales.salesperson", 17L),
            Map.entry("sales.salespersonquotahistory", 163L), Map.entry("sales.salesreason", 10L),
            Map.entry("sales.salestaxrate", 29L), Map.entry("sales.salesterritory", 10L),
            Map.entry("sales.salesterritoryhistory", 17L), Map.entry("sales.shoppingcartitem", 3L),
            Map.entry("sales.specialoffer", 16L), Map.entry("sales.specialofferproduct", 538L),
            Map.entry("sales.store", 701L)));

    static final Set<String> FIVE_SCHEMAS = Set.of("person", "humanresources", "production", "purchasing", "sales");

    static void createDatabase(String adminUrl, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(adminUrl, "postgres", "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
    }

    static boolean exists(Path p) {
        return Files.exists(p);
    }
}
