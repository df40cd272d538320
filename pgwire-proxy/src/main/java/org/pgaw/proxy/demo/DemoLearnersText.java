package org.pgaw.proxy.demo;

import java.util.ArrayList;
import java.util.List;

/** How to connect when the demo has several learners: one line per learner with their own role and password. */
final class DemoLearnersText {
    private DemoLearnersText() { }

    static String instructions(Demo demo, List<DemoLearners.Learner> learners, String status) {
        String host = demo.address().getHostString();
        int port = demo.address().getPort();
        List<String> lines = new ArrayList<>(List.of(
                "",
                "pgaw demo is running: AdventureWorks behind the guarding proxy (TLS required).",
                status,
                "",
                learners.size() + " learners, each with a role of their own (they cannot see or cancel each other's"
                        + " statements). Each connects with psql:",
                "  psql \"host=" + host + " port=" + port + " dbname=" + DemoDatabase.DATABASE
                        + " user=ROLE sslmode=require\"",
                "or pgAdmin (Register > Server: Host " + host + ", Port " + port + ", Maintenance database "
                        + DemoDatabase.DATABASE + ", SSL mode require), with:"));
        for (DemoLearners.Learner l : learners) {
            lines.add("  " + l.role() + "   password: " + l.password());
        }
        lines.addAll(List.of(
                "(the passwords are also in the secrets directory under the work directory)",
                "",
                "Teacher role (no guards; sees and can cancel every learner's statement): " + demo.roles().owner()
                        + ", password in its secrets file under the work directory.",
                demo.consoleLine(),
                "Try: " + org.pgaw.db.DemoQueries.THREE_SCHEMA_JOIN.replace("\n", " "),
                "Press Ctrl-C to stop.",
                ""));
        return String.join("\n", lines);
    }
}
