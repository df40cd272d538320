package org.pgaw.stack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pgaw.stack.e2e.Tools;
import org.pgaw.stack.support.Command;
import org.pgaw.stack.support.NeedsPrograms;
import org.pgaw.stack.support.Program;

/**
 * deploy/helm/pgaw, validated offline for real by deploy/tools/chartcheck (Helm v4 SDK lint + template, every object
 * decoded strictly into the Kubernetes, CloudNativePG or cert-manager type it claims to be, plus the chart's own
 * promises). Each negative case proves the validator catches that kind of mistake: a check that cannot fail proves
 * nothing.
 */
@NeedsPrograms(Program.CHARTCHECK)
class HelmChartTest {
    private static final Path CHART = Tools.repo().resolve("deploy/helm/pgaw");

    @Test
    void everyValuesVariantLintsRendersAndDecodesStrictly(@TempDir Path out) throws IOException {
        List<Path> variants;
        try (Stream<Path> s = Files.list(CHART.resolve("ci"))) {
            variants = s.filter(p -> p.getFileName().toString().endsWith("-values.yaml")).sorted().toList();
        }
        assertThat(variants).hasSizeGreaterThanOrEqualTo(3);
        Command.Result r = Chartcheck.run(CHART, List.of("-ci", "-out", out.toString())).assertSuccess("chartcheck -ci");
        for (Path v : variants) {
            String name = v.getFileName().toString().replace(".yaml", "");
            assertThat(r.output()).contains("chartcheck: " + name + ": lint clean,");
            assertThat(out.resolve(name + ".yaml")).isNotEmptyFile();
        }
        assertThat(r.output()).contains("Cluster").contains("Certificate").contains("PodDisruptionBudget");
    }

    @Test
    void theDefaultsAloneAreRefusedBecauseTheDomainIsRequired() {
        Command.Result r = Chartcheck.run(CHART, List.of("-values", CHART.resolve("values.yaml").toString()));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("domain is required");
    }

    @Test
    void anUnknownFieldInARenderedObjectFails(@TempDir Path dir) throws IOException {
        Command.Result r = withMinimal(dir, """
                proxy:
                  resources:
                    limitz: {cpu: "1"}
                """);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("do not decode strictly").contains("unknown field").contains("limitz");
    }

    @Test
    void aWrongTypeFails(@TempDir Path dir) throws IOException {
        Command.Result r = withMinimal(dir, """
                podSecurityContext:
                  supplementalGroups: staff
                """);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("do not decode strictly").contains("cannot unmarshal string")
                .contains("supplementalGroups");
    }

    /** values.schema.json: a misspelt or impossible value is refused before anything renders. */
    @Test
    void aMisspeltOrImpossibleValueIsRefusedByTheValuesSchema(@TempDir Path dir) throws IOException {
        Command.Result r = withMinimal(dir, """
                proxy:
                  replica: 3
                  service: {type: NodePort, nodePort: thirty}
                """);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("helm lint --strict failed").contains("additional properties 'replica' not allowed")
                .contains("/proxy/service/nodePort");
    }

    /**
     * What the Go types cannot say (an enum, a minimum) the operators' CRD schemas do. A template that writes the value
     * itself, since values.schema.json would refuse it as a value first.
     */
    @Test
    void aValueTheOperatorsSchemaRefusesFails(@TempDir Path dir) throws IOException {
        Path chart = copyChart(dir.resolve("chart"));
        Path template = chart.resolve("templates/certificate.yaml");
        String original = Files.readString(template);
        String edited = original.replace("algorithm: {{ .Values.certificates.privateKey.algorithm }}", "algorithm: DSA");
        assertThat(edited).isNotEqualTo(original);
        Files.writeString(template, edited);
        Command.Result r = minimalOn(chart);
        assertThat(r.output()).contains("Certificate against its CRD schema").contains("spec.privateKey.algorithm")
                .contains("Unsupported value: \"DSA\"");
    }

    @Test
    void aContainerWithoutLimitsBreaksAPromise(@TempDir Path dir) throws IOException {
        Command.Result r = withMinimal(dir, """
                load:
                  resources:
                    limits: {cpu: "0", memory: "0"}
                """);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("breaks").contains("Job pgaw-load").contains("no cpu and memory limits");
    }

    /** Mistakes no values file can make: a template of an unknown kind, a Service that selects nothing, a secret in a ConfigMap. */
    @Test
    void unknownKindsOrphanServicesAndSecretsInPlainSightFail(@TempDir Path dir) throws IOException {
        Path chart = copyChart(dir.resolve("kind"));
        Files.writeString(chart.resolve("templates/extra.yaml"), """
                apiVersion: example.org/v1
                kind: Frobnicator
                metadata: {name: extra}
                """);
        assertThat(minimalOn(chart).output()).contains("unknown kind example.org/v1, Kind=Frobnicator");

        chart = copyChart(dir.resolve("orphans"));
        Files.writeString(chart.resolve("templates/extra.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: nobody-home}
                spec:
                  selector: {app: nothing-has-this-label}
                  ports: [{port: 80}]
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: leaked}
                stringData: {password: correct-horse-battery-staple}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: leaky}
                data: {settings.ini: "password = correct-horse-battery-staple"}
                """);
        Command.Result r = minimalOn(chart);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output()).contains("Service nobody-home").contains("selects no pod")
                .contains("ConfigMap leaky").contains("contains the value of a Secret in plain text");
    }

    private static Command.Result withMinimal(Path dir, String overrides) throws IOException {
        Path bad = Files.writeString(dir.resolve("bad-values.yaml"), overrides);
        return Chartcheck.run(CHART, List.of("-values", CHART.resolve("ci/minimal-values.yaml") + "," + bad));
    }

    private static Command.Result minimalOn(Path chart) {
        Command.Result r = Chartcheck.run(chart, List.of("-values", chart.resolve("ci/minimal-values.yaml").toString()));
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        return r;
    }

    /** A copy of the chart with its links (files/ -> stack/pgadmin/) resolved. */
    private static Path copyChart(Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(CHART)) {
            files = new ArrayList<>(s.toList());
        }
        for (Path f : files) {
            Path target = to.resolve(CHART.relativize(f).toString());
            if (Files.isDirectory(f)) {
                Files.createDirectories(target);
            } else {
                Files.copy(f, target);
            }
        }
        return to;
    }
}
