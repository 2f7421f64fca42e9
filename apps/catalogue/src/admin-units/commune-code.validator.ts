import { UnitMapId } from '@ocop/contracts';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { bilingual } from '../common/validation';
import { adminUnits, UNIT_MAP_IDS } from '@ocop/ocop-domain';

/**
 * A commune code of the map named by the sibling `unitMap` field, or of the map in force today when there is
 * none. Codes repeat across maps with different extents (28756 is a smaller ward in 2022 than in 2025), so a code
 * only means something together with its map.
 */
export function IsCommuneCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCommuneCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const map = mapOf(args.object);
          return (
            typeof value === 'string' && map !== undefined && adminUnits().commune(map, value) !== undefined
          );
        },
        defaultMessage(args: ValidationArguments): string {
          const map = mapOf(args.object) ?? 'unitMap?';
          return bilingual(
            `không phải mã xã/phường/thị trấn của bản đồ ${map}`,
            `is not a commune code of the ${map} map`,
          );
        },
      },
    });
}

function mapOf(object: object): UnitMapId | undefined {
  const declared = (object as { unitMap?: unknown }).unitMap;
  if (declared === undefined || declared === null) return adminUnits().mapAt(new Date()).id;
  return UNIT_MAP_IDS.includes(declared as UnitMapId) ? (declared as UnitMapId) : undefined;
}
