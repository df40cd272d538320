package org.pgaw.stack.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proxy's counters from its /metrics page (Prometheus text): every series whose name starts with pgaw_proxy_
 * and ends in _total, e.g. {@code pgaw_proxy_guard_actions_total{action="row_limit"}}. Whatever counters the proxy
 * has (guard actions, refusals, a fair-share queue), the report shows how much each grew in a phase.
 */
final class ProxyCounters {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ProxyCounters() { }

    static Map<String, Double> scrape(int adminPort) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort
                    + "/metrics")).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("/metrics: HTTP " + r.statusCode());
            return parse(r.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot read the proxy's /metrics: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> m = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("pgaw_proxy_")) continue;
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
            if (!name.endsWith("_total")) continue;
            m.put(series, Double.parseDouble(line.substring(space + 1)));
        }
        return m;
    }

    /** How much each counter grew from before to after; counters that did not grow are left out. */
    static Map<String, Long> growth(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Long> m = new TreeMap<>();
        after.forEach((series, value) -> {
            long d = Math.round(value - before.getOrDefault(series, 0.0));
            if (d != 0) m.put(series, d);
        });
        return m;
    }
}
