package io.pooldesk.model.planning;

/**
 * New load balancers arriving at a steady rate: all with the same requirements (a namespace, a network, a guest
 * cluster), {@code perWeek} of them each week; fractions accumulate (0.5 a week is one every other week).
 */
public record GrowthStream(LoadBalancerRequirements requirements, double perWeek) {
    public static final double MAX_PER_WEEK = 10_000;

    public GrowthStream {
        if (!(perWeek >= 0 && perWeek <= MAX_PER_WEEK)) {
            throw new IllegalArgumentException("load balancers per week must be 0 to " + (int) MAX_PER_WEEK
                    + ", not " + perWeek);
        }
    }

    public String describe() {
        return requirements.describe();
    }

    public GrowthStream withRate(double rate) {
        return new GrowthStream(requirements, rate);
    }
}
