package org.pgaw.proxy.console;

/**
 * The console's two HTML pages. Nothing a learner wrote is ever put into HTML here: the live data arrives as JSON
 * and {@code console.js} places it with {@code textContent}, so hostile SQL stays text. The only value written in
 * is the CSRF token (URL-safe base64) and a message of ours.
 */
final class Pages {
    private Pages() { }

    static String login(String problem) {
        return head("pgaw — teacher's console: log in")
                + "<main class=\"login\"><h1>Teacher's console</h1>"
                + "<p>Live view of the class: who is connected, what runs, what the guards did.</p>"
                + (problem == null ? "" : "<p class=\"problem\" id=\"problem\">" + escape(problem) + "</p>")
                + "<form method=\"post\" action=\"/teacher/login\">"
                + "<label>Teacher's password <input type=\"password\" name=\"password\" id=\"password\""
                + " autocomplete=\"current-password\" autofocus required maxlength=\"512\"></label>"
                + "<button type=\"submit\" id=\"login\">Log in</button></form></main></body></html>";
    }

    static String console(String csrf) {
        return head("pgaw — teacher's console").replace("</head>",
                "<meta name=\"csrf\" content=\"" + escape(csrf) + "\"><script src=\"/teacher/console.js\" defer></script></head>")
                + "<header><h1>Teacher's console</h1><span id=\"status\" role=\"status\"></span>"
                + "<form method=\"post\" action=\"/teacher/logout\"><input type=\"hidden\" name=\"csrf\" value=\""
                + escape(csrf) + "\"><button type=\"submit\">Log out</button></form></header>"
                + "<section><h2>Sessions now</h2><table id=\"sessions\"><thead><tr><th>Learner</th><th>Client</th>"
                + "<th>State</th><th>Running</th><th>Rows</th><th>Bytes</th><th>Statement</th><th></th></tr></thead>"
                + "<tbody></tbody></table></section>"
                + "<section class=\"row\"><div><h2>Last hour</h2><svg id=\"chart\" viewBox=\"0 0 600 120\""
                + " role=\"img\" aria-label=\"running statements and guard actions over the last hour\"></svg>"
                + "<p class=\"legend\"><span class=\"active\">running statements</span> "
                + "<span class=\"actions\">guard actions</span></p></div>"
                + "<div><h2>Lesson so far</h2><table id=\"learners\"><thead><tr><th>Learner</th><th>Statements</th>"
                + "<th>Errors</th><th>Guard actions</th></tr></thead><tbody></tbody></table></div></section>"
                + "<section><h2>Statements the guards stopped, by shape</h2><table id=\"shapes\"><thead><tr>"
                + "<th>Learners</th><th>Actions</th><th>Shape</th><th>Statement</th></tr></thead><tbody></tbody></table></section>"
                + "<section><h2>Guard actions</h2><table id=\"events\"><thead><tr><th>Time</th><th>Learner</th>"
                + "<th>Action</th><th>Statement</th><th>What the learner saw</th></tr></thead><tbody></tbody></table>"
                + "</section></body></html>";
    }

    private static String head(String title) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"stylesheet\" href=\"/teacher/console.css\"></head><body>";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
