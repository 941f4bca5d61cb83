/**
 * Custom requests `runbook/whatIf` and `runbook/whatIfApply` (shared/src/protocol.ts): the timeline's
 * what-if plan on a copy of the model, and the edit that writes the overrides into the runbook.
 */
import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver/node';
import {
  whatIfApplyRequest, whatIfRequest, type WhatIfApplyParams, type WhatIfApplyResult, type WhatIfParams, type WhatIfResult,
} from '../../../shared/src/protocol';
import { describeError, runbookAt, type Feature, type FeatureContext } from './context';

function failure(connection: Connection, method: string, uri: string, error: unknown): ResponseError<void> {
  connection.console.error(`${method} for ${uri} failed: ${describeError(error)}`);
  return new ResponseError(ErrorCodes.InternalError, `The what-if plan failed: ${error instanceof Error ? error.message : String(error)}`);
}

export const whatIfFeature: Feature = {
  name: 'whatIf',
  register(connection: Connection, ctx: FeatureContext): void {
    connection.onRequest(whatIfRequest, (params: WhatIfParams | undefined): WhatIfResult | null => {
      if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${whatIfRequest.method} needs { uri: string, overrides }.`);
      const document = runbookAt(ctx, params.uri);
      if (!document) return null;
      try {
        return ctx.service.doWhatIf(document, params.overrides);
      } catch (error) {
        throw failure(connection, whatIfRequest.method, params.uri, error);
      }
    });
    connection.onRequest(whatIfApplyRequest, (params: WhatIfApplyParams | undefined): WhatIfApplyResult | null => {
      if (typeof params?.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, `${whatIfApplyRequest.method} needs { uri: string, version: number, overrides }.`);
      const document = runbookAt(ctx, params.uri);
      if (!document) return null;
      try {
        return ctx.service.doWhatIfApply(document, params.overrides);
      } catch (error) {
        throw failure(connection, whatIfApplyRequest.method, params.uri, error);
      }
    });
  },
};
