/**
 * Argo Rollouts' measurement rule over `successCondition` / `failureCondition`: with neither, a
 * measurement succeeds; with only a success condition, not meeting it fails; with only a failure
 * condition, not meeting it succeeds; with both, meeting neither is inconclusive.
 */
import { evaluateCondition, type Variables } from '../condition/evaluate.ts';
import { parseCondition } from '../condition/parse.ts';
import type { MeasurementPhase, MetricSpec } from '../model.ts';

export interface Decision {
  phase: MeasurementPhase;
  message: string;
}

export function judgeConditions(metric: Pick<MetricSpec, 'successCondition' | 'failureCondition'>, variables: Variables): Decision {
  const { successCondition, failureCondition } = metric;
  if (!successCondition && !failureCondition) return { phase: 'successful', message: 'no condition: any answer succeeds' };
  let met: { success?: boolean; failure?: boolean };
  try {
    met = {
      success: successCondition ? evaluateCondition(parseCondition(successCondition), variables) : undefined,
      failure: failureCondition ? evaluateCondition(parseCondition(failureCondition), variables) : undefined,
    };
  } catch (error) {
    return { phase: 'error', message: `Cannot evaluate the condition: ${(error as Error).message}` };
  }
  if (met.failure === true) return { phase: 'failed', message: `failureCondition met: ${failureCondition}` };
  if (met.success === true) return { phase: 'successful', message: `successCondition met: ${successCondition}` };
  if (met.success === false && met.failure === undefined) return { phase: 'failed', message: `successCondition not met: ${successCondition}` };
  if (met.failure === false && met.success === undefined) return { phase: 'successful', message: `failureCondition not met: ${failureCondition}` };
  return { phase: 'inconclusive', message: `neither successCondition (${successCondition}) nor failureCondition (${failureCondition}) met` };
}
