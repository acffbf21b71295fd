/**
 * CloudWatch metrics as EMF log lines (Powertools): one namespace for the
 * platform, the service as a dimension. Counters are flushed once per
 * invocation by the route stack or the wrapper that runs the function
 * (invocation.ts); an invocation that counted nothing writes no line.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

export const METRICS_NAMESPACE = 'AppBackends';

export const metrics = /* @__PURE__ */ new Metrics({ namespace: METRICS_NAMESPACE, serviceName: process.env.SERVICE_NAME });

/** Counts one business event (`UserCreated`, `InboxMessageSent`, ...). */
export function count(name: string, value = 1): void {
  metrics.addMetric(name, MetricUnit.Count, value);
}

export function flushMetrics(): void {
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
}
