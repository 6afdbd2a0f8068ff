import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Allow, Authenticated, Public } from '../access/access.decorator.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';
import { ApiProblems } from '../common/problem.dto.js';
import {
  CalendarFeedDto,
  OutboxListDto,
  OutboxQuery,
  ReminderListDto,
  ReminderPreferencesDto,
  SetReminderModeDto,
} from './dto/reminder.dto.js';
import { RemindersService } from './reminders.service.js';

@ApiTags('reminders')
@Controller()
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get('me/reminders')
  @Authenticated()
  @ApiOperation({ summary: 'My reminders, newest first (also those not mailed)' })
  @ApiOkResponse({ type: ReminderListDto })
  list(@CurrentActor() actor: Actor) {
    return this.reminders.myReminders(actor);
  }

  @Get('me/reminder-preferences')
  @Authenticated()
  @ApiOperation({ summary: 'How I get reminders, and whether my calendar feed is on' })
  @ApiOkResponse({ type: ReminderPreferencesDto })
  preferences(@CurrentActor() actor: Actor) {
    return this.reminders.preferences(actor);
  }

  @Put('me/reminder-preferences')
  @Authenticated()
  @ApiOperation({ summary: 'Choose how I get reminders: immediate, daily digest, or none' })
  @ApiOkResponse({ type: ReminderPreferencesDto })
  @ApiProblems(400)
  setPreferences(@CurrentActor() actor: Actor, @Body() dto: SetReminderModeDto) {
    return this.reminders.setMode(actor, dto.mode);
  }

  @Post('me/calendar-feed')
  @Authenticated()
  @ApiOperation({
    summary: 'Create (or replace) my secret calendar feed URL; the previous URL stops working',
  })
  @ApiCreatedResponse({ type: CalendarFeedDto })
  createFeed(@CurrentActor() actor: Actor) {
    return this.reminders.createCalendarFeed(actor);
  }

  @Delete('me/calendar-feed')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke my calendar feed URL' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  async revokeFeed(@CurrentActor() actor: Actor) {
    await this.reminders.revokeCalendarFeed(actor);
  }

  @Get('calendar/:file')
  @Public()
  @ApiOperation({
    summary:
      'A calendar feed (iCalendar): every deadline its owner may see; the secret URL is the key',
  })
  @ApiProduces('text/calendar')
  @ApiOkResponse({
    description: 'iCalendar (RFC 5545).',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiProblems(400, 404)
  async feed(@Param('file') file: string, @Res() reply: FastifyReply) {
    const body = await this.reminders.feed(file);
    return reply
      .header('cache-control', 'private, no-store')
      .header('referrer-policy', 'no-referrer')
      .type('text/calendar; charset=utf-8')
      .send(body);
  }

  @Get('admin/outbox')
  @Allow('users.manage')
  @ApiOperation({
    summary:
      'Mails in the outbox, newest first: sent, pending (with the next attempt) and failed, with why',
  })
  @ApiOkResponse({ type: OutboxListDto })
  @ApiProblems(400)
  outbox(@Query() query: OutboxQuery) {
    return this.reminders.outbox(query.status);
  }
}
