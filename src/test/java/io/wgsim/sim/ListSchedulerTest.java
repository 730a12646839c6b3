package io.wgsim.sim;

class ListSchedulerTest extends SchedulerContract {

    @Override
    Scheduler newScheduler() {
        return new ListScheduler();
    }
}
