import type { FastifyReply } from 'fastify';
import { TraceabilityConfig } from '../config';

export const EPCIS_VERSION = '2.0.0';
export const CBV_VERSION = '2.0.0';

/** What every EPCIS response says about this repository (EPCIS 2.0 REST bindings, discovery headers). */
export function epcisHeaders(reply: FastifyReply, config: TraceabilityConfig, capture = false): void {
  void reply.header('GS1-EPCIS-Version', EPCIS_VERSION).header('GS1-CBV-Version', CBV_VERSION);
  if (capture) {
    void reply
      .header('GS1-EPCIS-Capture-Limit', String(config.CAPTURE_MAX_EVENTS))
      .header('GS1-EPCIS-Capture-File-Size-Limit', String(config.CAPTURE_MAX_BYTES))
      .header('GS1-Capture-Error-Behaviour', 'rollback, proceed');
  }
}
