package io.wgsim.steps;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * The conformance scenarios tagged @sim, on {@link io.wgsim.lab.SimLab}; surefire runs it in
 * {@code mvn test} unless {@code -Dwgsim.backend=real}. Reports go to reports/cucumber-sim.*.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@IncludeTags("sim")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.wgsim.steps")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME,
        value = "summary, html:reports/cucumber-sim.html, json:reports/cucumber-sim.json, junit:reports/cucumber-sim.xml")
public class SimConformanceTest {
}
