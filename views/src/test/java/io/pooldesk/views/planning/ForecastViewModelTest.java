package io.pooldesk.views.planning;

import io.pooldesk.model.manifest.Manifest;
import io.pooldesk.model.manifest.ManifestReader;
import io.pooldesk.model.planning.LoadBalancerRequirements;
import io.pooldesk.views.common.BackgroundWork;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForecastViewModelTest {
    private final List<Manifest> demo = new ManifestReader(System.in)
            .read(List.of("../resources/demo-workspace")).manifests();
    private final ForecastViewModel model = new ForecastViewModel(BackgroundWork.synchronous(), () -> demo,
            Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC));


    @Test
    void suggestedStreamsAreOnePerKindOfLoadBalancerTheWorkspaceHas() throws Exception {
        model.suggestStreams(demo);
        List<String> kinds = model.streams.stream().map(s -> s.describe()).toList();
        assertTrue(kinds.contains("namespace prod"), kinds.toString());
        assertTrue(kinds.contains("namespace rke2, network default/vlan100, project c-m-demo/p-apps, cluster rke2-prod"),
                kinds.toString());
        assertEquals(kinds.size(), kinds.stream().distinct().count(), "no stream twice");
        assertTrue(model.streams.stream().allMatch(s -> s.perWeek() == 1));
    }

    @Test
    void theHeadlineNamesTheFirstPoolToRunOutWithItsDate() {
        model.add(new LoadBalancerRequirements("prod", "", "", "", ""), "1");
        model.weeks.set(13);
        model.run();
        assertEquals("First to run out: prod-pool on 7 Dec 2026 (week 2)", model.message.get());
        assertEquals(13, model.result.get().weeks());
    }

    @Test
    void aWrongRateIsSaidAndKeepsTheOldOne() {
        assertFalse(model.add(new LoadBalancerRequirements("prod", "", "", "", ""), "lots"));
        assertTrue(model.message.get().startsWith("Per week:"), model.message.get());
        model.add(new LoadBalancerRequirements("prod", "", "", "", ""), "2");
        model.setRate(0, "-3");
        assertTrue(model.message.get().startsWith("Per week:"), model.message.get());
        assertEquals(2.0, model.streams.get(0).perWeek());
    }
}
