import type { Actor } from '../access/actor.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type FindOptionsWhere } from 'typeorm';
import type { InventoryItem } from './entities/inventory-item.entity.js';
import { toRecordResponse } from '../records/record.mapper.js';
import { RecordsService } from '../records/records.service.js';
import type { CreateInventoryItemDto, UpdateInventoryItemDto } from './dto/inventory-item.dto.js';
import { INVENTORY_ITEM } from './inventory.definition.js';

const LIST_LIMIT = 1000;
/** Archived items (deleted while a case still refers to them) are no longer in the inventory. */
const IN_DIRECTORY: FindOptionsWhere<InventoryItem> = { archivedAt: IsNull() };

/** The organisation's own systems and services. */
@Injectable()
export class InventoryService {
  constructor(
    private readonly records: RecordsService,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async list() {
    const found = await this.dataSource.manager.find(INVENTORY_ITEM.entity, {
      where: IN_DIRECTORY,
      order: INVENTORY_ITEM.order,
      take: LIST_LIMIT,
    });
    return { items: found.map((i) => toRecordResponse(INVENTORY_ITEM, i)) };
  }

  async get(id: string) {
    return toRecordResponse(
      INVENTORY_ITEM,
      await this.records.get(this.dataSource.manager, INVENTORY_ITEM, IN_DIRECTORY, id),
    );
  }

  create(actor: Actor, dto: CreateInventoryItemDto) {
    return this.uow.run(actor, async (m) =>
      toRecordResponse(INVENTORY_ITEM, await this.records.create(m, INVENTORY_ITEM, dto)),
    );
  }

  update(actor: Actor, id: string, dto: UpdateInventoryItemDto, version?: number) {
    return this.uow.run(actor, async (m) =>
      toRecordResponse(
        INVENTORY_ITEM,
        await this.records.update(m, INVENTORY_ITEM, IN_DIRECTORY, id, dto, version),
      ),
    );
  }

  async remove(actor: Actor, id: string, version?: number) {
    await this.uow.run(actor, (m) => this.records.retire(m, INVENTORY_ITEM, id, version));
  }
}
