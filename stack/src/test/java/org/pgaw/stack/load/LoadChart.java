package org.pgaw.stack.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * report.png: three panels over the run's time, the phases shaded. Well-behaved learners' latency in pgAdmin and in
 * psql (p50 and p95 of the queries started in each 10 s window, logarithmic: psql's milliseconds and pgAdmin's
 * seconds on one axis), CPU of the proxy, PostgreSQL, the pgAdmin replicas' workers together and the harness (% of
 * one core), and resident memory of the proxy and each replica's worker.
 */
final class LoadChart {
    private static final double WINDOW_SECONDS = 10;

    private LoadChart() { }

    static void write(Path png, List<QueryLog.Query> queries, List<ResourceSampler.Sample> samples,
                      List<String> replicaNames, double phase1Start, double phase2Start, double phase2End)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("seconds into the run"));
        org.jfree.chart.axis.LogAxis ms = new org.jfree.chart.axis.LogAxis("well-behaved latency, ms");
        ms.setBase(10);
        ms.setSmallestValue(1);
        ms.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
        combined.add(plot(ms, latency(queries), 0), 2);
        combined.add(plot(new NumberAxis("CPU, % of one core"), cpu(samples), 4), 1);
        combined.add(plot(new NumberAxis("RSS, MiB"), memory(samples, replicaNames), 8), 1);
        for (Object o : combined.getSubplots()) {
            XYPlot p = (XYPlot) o;
            p.addDomainMarker(phase(phase1Start, phase2Start, new Color(170, 210, 255, 80), Phases.NAMES[0]),
                    org.jfree.chart.ui.Layer.BACKGROUND);
            p.addDomainMarker(phase(phase2Start, phase2End, new Color(255, 190, 150, 90), Phases.NAMES[1]),
                    org.jfree.chart.ui.Layer.BACKGROUND);
        }
        JFreeChart chart = new JFreeChart("pgaw: a class under load", JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 900);
    }

    /** Before the first phase the learners log in: not measured, left white. */
    private static IntervalMarker phase(double from, double to, Color color, String label) {
        IntervalMarker m = new IntervalMarker(from, to, color);
        m.setLabel(label);
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_CENTER);
        return m;
    }

    /** One colour per series of the whole chart: the legend is shared by the three panels. */
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xaec7e8), new Color(0xd62728),
        new Color(0xff9896), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e), new Color(0x7f7f7f),
        new Color(0x17becf), new Color(0x8c564b), new Color(0xe377c2), new Color(0xbcbd22)};

    private static XYPlot plot(org.jfree.chart.axis.ValueAxis axis, XYSeriesCollection data, int firstColour) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(1.6f));
            r.setSeriesPaint(i, COLORS[(firstColour + i) % COLORS.length]);
        }
        XYPlot p = new XYPlot(data, null, axis, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }

    private static XYSeriesCollection latency(List<QueryLog.Query> queries) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (QueryLog.Who who : List.of(QueryLog.Who.PGADMIN, QueryLog.Who.PSQL)) {
            TreeMap<Long, List<Double>> windows = new TreeMap<>();
            for (QueryLog.Query q : queries) {
                if (q.who() != who) continue;
                windows.computeIfAbsent((long) (q.startedAt() / WINDOW_SECONDS), k -> new ArrayList<>()).add(q.millis());
            }
            String kind = who == QueryLog.Who.PGADMIN ? "pgAdmin" : "psql";
            XYSeries p95 = new XYSeries(kind + " p95");
            XYSeries p50 = new XYSeries(kind + " p50");
            windows.forEach((w, ms) -> {
                List<Double> sorted = ms.stream().sorted().toList();
                double x = (w + 0.5) * WINDOW_SECONDS;
                p95.add(x, Math.max(1, Latency.pct(sorted, 95)));
                p50.add(x, Math.max(1, Latency.pct(sorted, 50)));
            });
            c.addSeries(p95);
            c.addSeries(p50);
        }
        return c;
    }

    private static XYSeriesCollection cpu(List<ResourceSampler.Sample> samples) {
        XYSeries proxy = new XYSeries("proxy CPU");
        XYSeries pg = new XYSeries("PostgreSQL CPU");
        XYSeries harness = new XYSeries("harness CPU");
        XYSeries replicas = new XYSeries("pgAdmin workers CPU");
        for (int i = 1; i < samples.size(); i++) {
            ResourceSampler.Sample a = samples.get(i - 1);
            ResourceSampler.Sample b = samples.get(i);
            double dt = b.atSeconds() - a.atSeconds();
            if (dt < 0.5) continue;
            proxy.add(b.atSeconds(), 100 * (b.proxyCpu() - a.proxyCpu()) / dt);
            pg.add(b.atSeconds(), 100 * (b.postgresCpu() - a.postgresCpu()) / dt);
            harness.add(b.atSeconds(), 100 * (b.harnessCpu() - a.harnessCpu()) / dt);
            double replicaCpu = 0;
            for (int r = 0; r < b.replicaCpu().length; r++) replicaCpu += Math.max(0, b.replicaCpu()[r] - a.replicaCpu()[r]);
            replicas.add(b.atSeconds(), 100 * replicaCpu / dt);
        }
        XYSeriesCollection c = new XYSeriesCollection(proxy);
        c.addSeries(pg);
        c.addSeries(replicas);
        c.addSeries(harness);
        return c;
    }

    private static XYSeriesCollection memory(List<ResourceSampler.Sample> samples, List<String> replicaNames) {
        XYSeriesCollection c = new XYSeriesCollection();
        XYSeries proxy = new XYSeries("proxy RSS");
        List<XYSeries> replicas = replicaNames.stream().map(n -> new XYSeries(n + " RSS")).toList();
        for (ResourceSampler.Sample s : samples) {
            proxy.add(s.atSeconds(), s.proxyRss() / 1048576.0);
            for (int i = 0; i < replicas.size(); i++) replicas.get(i).add(s.atSeconds(), s.replicaRss()[i] / 1048576.0);
        }
        c.addSeries(proxy);
        replicas.forEach(c::addSeries);
        return c;
    }
}
