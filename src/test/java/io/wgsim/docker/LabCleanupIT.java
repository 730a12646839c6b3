package io.wgsim.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * A lab test that fails halfway, after creating a network and a container, leaves nothing behind:
 * {@link LabExtension} removes what it made. The failing test is run here through the JUnit launcher, so
 * its failure is observed rather than reported.
 */
class LabCleanupIT {
    private static final String INNER = "wgsim.lab.cleanup-it.inner";
    /** What the failing test made, "container NAME" / "network NAME". */
    private static final List<String> MADE = new ArrayList<>();

    @Test
    void aLabTestThatFailsLeavesNoContainerOrNetworkBehind() {
        try (DockerEngine engine = LabPrerequisites.connect()) {
            engine.sweep();
            TestExecutionSummary summary;
            System.setProperty(INNER, "true");
            try {
                SummaryGeneratingListener listener = new SummaryGeneratingListener();
                // Without the listeners the build registers (the conformance report's): this run is ours alone.
                LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                        .execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(FailsHalfway.class)).build(), listener);
                summary = listener.getSummary();
            } finally {
                System.clearProperty(INNER);
            }
            assertEquals(1, summary.getTestsFailedCount(), "the inner test failed, as it should");
            String why = summary.getFailures().get(0).getException().getMessage();
            assertTrue(why.startsWith("deliberately"), "it failed for our reason, not another: " + why);
            assertEquals(2, MADE.size(), "it made a network and a container before failing: " + MADE);
            assertEquals(List.of(), engine.leftovers(), "nothing labelled remains after " + MADE);
            List<String> names = new ArrayList<>();
            engine.client().listContainersCmd().withShowAll(true).exec()
                    .forEach(c -> names.add(String.join(",", c.getNames())));
            engine.client().listNetworksCmd().exec().forEach(n -> names.add(n.getName()));
            for (String made : MADE) {
                String name = made.substring(made.indexOf(' ') + 1);
                assertFalse(names.stream().anyMatch(n -> n.contains(name)), made + " is gone: " + names);
            }
        }
    }

    @ExtendWith(LabExtension.class)
    @EnabledIfSystemProperty(named = INNER, matches = "true")
    static class FailsHalfway {
        @Test
        void makesANetworkAndAContainerThenFails(DockerEngine engine) {
            LabNetwork network = LabNetwork.create(engine, "doomed");
            MADE.add("network " + network.name());
            WireGuardContainer c = WireGuardContainer.run(engine, SystemUnderTest.fromSystemProperties(), "doomed",
                    network);
            MADE.add("container " + c.name());
            fail("deliberately, with " + c + " running");
        }
    }
}
