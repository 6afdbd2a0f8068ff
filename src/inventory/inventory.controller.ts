import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { RequiredIfMatch } from '../common/if-match.js';
import { ApiIfMatch } from '../common/api-if-match.js';
import { Allow } from '../access/access.decorator.js';
import { ApiProblems } from '../common/problem.dto.js';
import { UuidParam } from '../common/uuid-param.js';
import { InventoryService } from './inventory.service.js';
import {
  InventoryItemDto,
  CreateInventoryItemDto,
  UpdateInventoryItemDto,
} from './dto/inventory-item.dto.js';
import { CurrentActor } from '../access/actor.decorator.js';
import type { Actor } from '../access/actor.js';

@ApiTags('inventory')
@Controller('inventory')
export class InventoryController {
  constructor(private readonly inventory: InventoryService) {}

  @Get()
  @Allow('directory.read')
  @ApiOperation({ summary: 'List the inventory (first 1,000 by name)' })
  @ApiOkResponse({
    schema: {
      properties: {
        items: { type: 'array', items: { $ref: '#/components/schemas/InventoryItemDto' } },
      },
    },
  })
  list() {
    return this.inventory.list();
  }

  @Get(':id')
  @Allow('directory.read')
  @ApiOperation({ summary: 'Read one inventory item' })
  @ApiOkResponse({ type: InventoryItemDto })
  @ApiProblems(400, 404)
  get(@UuidParam('id') id: string) {
    return this.inventory.get(id);
  }

  @Post()
  @Allow('directory.write')
  @ApiOperation({ summary: 'Add a system or service to the inventory' })
  @ApiCreatedResponse({ type: InventoryItemDto })
  @ApiProblems(400, 409)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateInventoryItemDto) {
    return this.inventory.create(actor, dto);
  }

  @Patch(':id')
  @Allow('directory.write')
  @ApiOperation({ summary: 'Change an inventory item' })
  @ApiIfMatch()
  @ApiOkResponse({ type: InventoryItemDto })
  @ApiProblems(400, 404, 409, 412, 428)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: UpdateInventoryItemDto,
    @RequiredIfMatch() version: number,
  ) {
    return this.inventory.update(actor, id, dto, version);
  }

  @Delete(':id')
  @Allow('directory.write')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove an inventory item',
    description:
      'Deleted, or archived while a case still refers to it (kept in that case file); the answer is the same.',
  })
  @ApiIfMatch()
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiProblems(400, 404, 412, 428)
  async remove(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @RequiredIfMatch() version: number,
  ) {
    await this.inventory.remove(actor, id, version);
  }
}
