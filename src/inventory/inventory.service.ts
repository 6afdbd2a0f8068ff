import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { toRecordResponse } from '../records/record.mapper.js';
import { RecordsService } from '../records/records.service.js';
import type { CreateInventoryItemDto, UpdateInventoryItemDto } from './dto/inventory-item.dto.js';
import { INVENTORY_ITEM } from './inventory.definition.js';

const LIST_LIMIT = 1000;

/** The organisation's own systems and services. */
@Injectable()
export class InventoryService {
  constructor(
    private readonly records: RecordsService,
    private readonly dataSource: DataSource,
  ) {}

  async list() {
    const found = await this.dataSource.manager.find(INVENTORY_ITEM.entity, {
      order: INVENTORY_ITEM.order,
      take: LIST_LIMIT,
    });
    return { items: found.map((i) => toRecordResponse(INVENTORY_ITEM, i)) };
  }

  async get(id: string) {
    return toRecordResponse(
      INVENTORY_ITEM,
      await this.records.get(this.dataSource.manager, INVENTORY_ITEM, {}, id),
    );
  }

  create(dto: CreateInventoryItemDto) {
    return this.records.transaction(async (m) =>
      toRecordResponse(INVENTORY_ITEM, await this.records.create(m, INVENTORY_ITEM, dto)),
    );
  }

  update(id: string, dto: UpdateInventoryItemDto, version?: number) {
    return this.records.transaction(async (m) =>
      toRecordResponse(
        INVENTORY_ITEM,
        await this.records.update(m, INVENTORY_ITEM, {}, id, dto, version),
      ),
    );
  }

  async remove(id: string, version?: number) {
    await this.records.transaction((m) => this.records.remove(m, INVENTORY_ITEM, {}, id, version));
  }
}
