package io.wgsim.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one {@link DockerEngine}: before the first test it sweeps what an interrupted run
 * left (everything labelled {@link Labels#LAB}); after the last, pass or fail, it removes what the class
 * made and then asserts that nothing labelled remains. Test methods and {@code @BeforeEach} methods
 * receive the engine as a parameter. With {@code -Dwgsim.lab.keep=true} it leaves everything in place for
 * debugging (docs/lab.md) and says what it left.
 *
 * <p>Skipping ({@code -Dwgsim.real=skip}) and missing prerequisites are reported per test, not per class:
 * surefire and failsafe drop a class-level skip from their reports without a trace.
 */
public final class LabExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {
    /** {@code -Dwgsim.lab.keep=true}: leave the class's containers and networks for a person to look at. */
    static final String KEEP_PROPERTY = "wgsim.lab.keep";
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LabExtension.class);

    /** Why the class cannot run: the failure to report on each test. */
    private record Unavailable(Throwable why) {}

    @Override
    public void beforeAll(ExtensionContext context) {
        if (LabPrerequisites.optedOut()) {
            return;
        }
        DockerEngine engine;
        try {
            engine = LabPrerequisites.connect();
        } catch (Throwable e) {
            context.getStore(NS).put(Unavailable.class, new Unavailable(e));
            return;
        }
        List<String> swept = engine.sweep();
        if (!swept.isEmpty()) {
            System.err.println("lab: swept what an earlier run left: " + String.join(", ", swept));
        }
        context.getStore(NS).put(DockerEngine.class, engine);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        Assumptions.assumeFalse(LabPrerequisites.optedOut(),
                "-D" + LabPrerequisites.OPT_OUT_PROPERTY + "=skip: the Docker lab's tests were skipped on request");
        Unavailable unavailable = context.getParent().orElseThrow().getStore(NS).get(Unavailable.class, Unavailable.class);
        if (unavailable != null) {
            if (unavailable.why() instanceof Error e) {
                throw e; // an assertion failure saying what to install
            }
            throw (Exception) unavailable.why();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        DockerEngine engine = context.getStore(NS).remove(DockerEngine.class, DockerEngine.class);
        if (engine == null) {
            return; // skipped or failed before connecting: nothing was made
        }
        if (Boolean.getBoolean(KEEP_PROPERTY)) {
            System.err.println("lab: -D" + KEEP_PROPERTY + "=true: left for you (the next run sweeps them): "
                    + String.join(", ", engine.leaveInPlace()));
            return;
        }
        List<String> left;
        try (DockerEngine verifier = DockerEngine.connect()) {
            try {
                engine.close();
            } finally {
                left = verifier.leftovers();
                verifier.sweep();
            }
        }
        assertEquals(List.of(), left, "the lab left these behind after " + context.getDisplayName());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == DockerEngine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            DockerEngine engine = c.getStore(NS).get(DockerEngine.class, DockerEngine.class);
            if (engine != null) {
                return engine;
            }
        }
        return Assertions.fail("no DockerEngine: is the class annotated @ExtendWith(LabExtension.class)?");
    }
}
