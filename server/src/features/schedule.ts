/** Custom request `runbook/schedule` (shared/src/protocol.ts): the plan's timeline, or null for an unknown document. */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import { scheduleRequest, type ScheduleParams, type ScheduleResult } from '../../../shared/src/protocol';
import { describeError, runbookAt, type Feature, type FeatureContext } from './context';

export const scheduleFeature: Feature = {
  name: 'schedule',
  register(connection: Connection, ctx: FeatureContext): void {
    connection.onRequest(scheduleRequest, (params: ScheduleParams | undefined): ScheduleResult | null => {
      if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${scheduleRequest.method} needs { uri: string }.`);
      const document = runbookAt(ctx, params.uri);
      if (!document) return null;
      try {
        return ctx.service.doSchedule(document);
      } catch (error) {
        connection.console.error(`${scheduleRequest.method} for ${params.uri} failed: ${describeError(error)}`);
        throw new ResponseError(ErrorCodes.InternalError, `Scheduling the runbook failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  },
};
