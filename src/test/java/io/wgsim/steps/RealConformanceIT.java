package io.wgsim.steps;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PARALLEL_CONFIG_FIXED_MAX_POOL_SIZE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PARALLEL_CONFIG_FIXED_PARALLELISM_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PARALLEL_CONFIG_STRATEGY_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.IncludeTags;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * The conformance scenarios tagged @real, on {@link io.wgsim.lab.DockerLab}: wireguard-go in Docker
 * containers against wgsim peers in this JVM. Failsafe runs it in {@code mvn verify} (it sets
 * {@code wgsim.lab=real}) unless {@code -Dwgsim.backend=sim}; it needs root and a Docker engine
 * (scripts/docker-engine start), or {@code -Dwgsim.real=skip}. Reports go to reports/cucumber-real.*.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@IncludeTags("real")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "io.wgsim.steps")
// Real scenarios mostly wait on the wall clock: three at a time, each in its own lab, fit the time budget.
@ConfigurationParameter(key = PARALLEL_EXECUTION_ENABLED_PROPERTY_NAME, value = "true")
@ConfigurationParameter(key = PARALLEL_CONFIG_STRATEGY_PROPERTY_NAME, value = "fixed")
@ConfigurationParameter(key = PARALLEL_CONFIG_FIXED_PARALLELISM_PROPERTY_NAME, value = "3")
@ConfigurationParameter(key = PARALLEL_CONFIG_FIXED_MAX_POOL_SIZE_PROPERTY_NAME, value = "3")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME,
        value = "summary, html:reports/cucumber-real.html, json:reports/cucumber-real.json, junit:reports/cucumber-real.xml")
public class RealConformanceIT {
}
