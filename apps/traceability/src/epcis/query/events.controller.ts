import { Body, Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TraceabilityConfig } from '../../config';
import { CapturedEventView } from '../capture/capture.dto';
import { CaptureService } from '../capture/capture.service';
import { epcisHeaders } from '../epcis-headers';
import { EventsQuery } from './events-query.dto';
import { EventsQueryService } from './events-query.service';

@ApiTags('epcis')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsQueryService,
    private readonly capture: CaptureService,
    private readonly config: TraceabilityConfig,
  ) {}

  @Post()
  @Roles('producer', 'admin')
  @ApiBody({ description: 'One EPCIS 2.0 event with its @context' })
  @ApiOperation({ summary: 'Ghi một sự kiện / capture a single EPCIS event, stored before the answer' })
  @ApiCreatedResponse({ type: CapturedEventView })
  async captureOne(
    @CurrentActor() actor: Actor,
    @Body() event: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CapturedEventView> {
    epcisHeaders(reply, this.config);
    const captured = await this.capture.captureOne(actor, event);
    void reply.header('location', `/events/${encodeURIComponent(captured.eventID)}`);
    return captured;
  }

  @Get()
  @Header('content-type', 'application/ld+json')
  @ApiOperation({
    summary:
      'Truy vấn sự kiện / query events (eventType, EQ_bizStep, EQ_disposition, MATCH_epc, MATCH_anyEPC, GE_/LT_eventTime, EQ_bizLocation); the next page is in the Link header',
  })
  @ApiOkResponse({ description: 'An EPCISQueryDocument' })
  async query(
    @CurrentActor() actor: Actor,
    @Query() query: EventsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    epcisHeaders(reply, this.config);
    const { document, nextPageToken } = await this.events.query(actor, query);
    if (nextPageToken) {
      const url = new URL(request.url, 'http://localhost');
      url.searchParams.set('nextPageToken', nextPageToken);
      void reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
    }
    return document;
  }

  @Get(':eventID')
  @Header('content-type', 'application/ld+json')
  @ApiOperation({ summary: 'Một sự kiện theo eventID / one event by its eventID (URL-encoded)' })
  one(
    @CurrentActor() actor: Actor,
    @Param('eventID') eventID: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    epcisHeaders(reply, this.config);
    return this.events.one(actor, eventID);
  }
}
