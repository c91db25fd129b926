import { Form, InputNumber, Select, type SelectProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { unitSearch } from '../../shared/hooks/use-units.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { CommuneSelect, DistrictSelect, VillageSelect } from '../../shared/ui/area-selects.tsx';
import { workshopOptions } from './round-form.ts';
import { testingPaths, type WorkshopShift, type ZonesInForce } from './testing-api.ts';

/** A province has a few dozen zones in force at once at most. */
const ZONES_OFFERED = 100;

interface TargetPlaceProps {
  targetKind: string | undefined;
  districtCode: string | undefined;
  /** The form's date field (sampling day or schedule start): a lockdown zone is offered when in force that day. */
  dateField: 'scheduledOn' | 'startsOn';
  testIdPrefix: string;
}

/**
 * Where a round or a screening schedule samples: a lockdown zone in force, a commune (district
 * first, then its communes) or one of its villages, an enterprise or facility by its unit id, or
 * one of the enterprise's workshops. `testIdPrefix` keeps each form's test ids its own.
 */
export function TargetPlaceFields({ targetKind, districtCode, dateField, testIdPrefix }: TargetPlaceProps) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const communeCode = Form.useWatch<string | undefined>('communeCode', form);
  const date = Form.useWatch<Dayjs | undefined>(dateField, form);
  const required = { required: true, message: t('testing.required') };
  if (targetKind === 'lockdown_zone') {
    return (
      <Form.Item name="targetZoneId" label={t('testing.create.zone')} rules={[required]} extra={t('testing.create.zoneHint')}>
        <ZoneSelect on={date?.format('YYYY-MM-DD') ?? todayInVietnam()} data-testid={`${testIdPrefix}-zone`} />
      </Form.Item>
    );
  }
  if (targetKind === 'commune' || targetKind === 'village') {
    return (
      <>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="districtCode" label={t('testing.create.district')} style={{ flex: '1 1 200px' }}>
            <DistrictSelect data-testid={`${testIdPrefix}-district`} />
          </Form.Item>
          <Form.Item name="communeCode" label={t('testing.create.commune')} rules={[required]} style={{ flex: '1 1 200px' }}>
            <CommuneSelect districtCode={districtCode} ownCommuneOnly data-testid={`${testIdPrefix}-commune`} />
          </Form.Item>
        </div>
        {targetKind === 'village' && (
          <Form.Item name="village" label={t('testing.create.village')} rules={[required]} extra={t('testing.create.villageHint')}>
            <VillageSelect communeCode={communeCode} data-testid={`${testIdPrefix}-village`} />
          </Form.Item>
        )}
      </>
    );
  }
  if (targetKind === 'enterprise' || targetKind === 'facility' || targetKind === 'workshop') {
    return (
      <>
        <Form.Item name="targetOrgId" label={targetKind === 'facility' ? t('testing.create.facilityId') : t('testing.create.enterpriseId')} rules={[required]}>
          <InputNumber<number> min={1} precision={0} style={{ width: 200 }} data-testid={`${testIdPrefix}-org-id`} />
        </Form.Item>
        {targetKind === 'workshop' && (
          <Form.Item name="workshop" label={t('testing.create.workshop')} rules={[required]} extra={t('testing.create.workshopHint')}>
            <WorkshopSelect data-testid={`${testIdPrefix}-workshop`} />
          </Form.Item>
        )}
      </>
    );
  }
  return null;
}

/** What the caller may set of the Select (inside a Form.Item: value, onChange, id and aria props come from it). */
type ControlProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'disabled' | 'loading'>;

/** The lockdown zones in force on the day, with how many live in each core. */
function ZoneSelect({ on, ...props }: Omit<SelectProps<number>, 'options' | 'showSearch' | 'disabled' | 'loading'> & { on: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLanguage();
  const zones = useApi<ZonesInForce>(testingPaths.zonesInForce(on, ZONES_OFFERED));
  const options = (zones.data?.items ?? []).map((z) => ({ value: z.id, label: t('testing.create.zoneOption', { name: z.name, decision: z.decisionNo, people: fmt.number(z.residents) }) }));
  return (
    <Select<number>
      showSearch={{ optionFilterProp: 'label' }}
      loading={zones.loading}
      options={options}
      notFoundContent={zones.error ? errorText(zones.error, lang) : t('testing.create.noZones', { date: fmt.date(on) })}
      {...props}
    />
  );
}

/** The workshops of the enterprise typed in the form: each with all its shifts, then each shift with its people on the sampling day. */
function WorkshopSelect(props: ControlProps) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLanguage();
  const form = Form.useFormInstance();
  const enterpriseId = Form.useWatch<number | null | undefined>('targetOrgId', form);
  const scheduledOn = Form.useWatch<Dayjs | undefined>('scheduledOn', form);
  const on = scheduledOn?.format('YYYY-MM-DD') ?? todayInVietnam();
  const workshops = useApi<{ items: WorkshopShift[] }>(enterpriseId ? testingPaths.workshops(enterpriseId, on) : null);
  const options = enterpriseId
    ? workshopOptions(workshops.data?.items ?? []).map((o) => ({
        value: o.value,
        label:
          o.shift === null
            ? t('testing.create.workshopAllShifts', { workshop: o.workshop })
            : o.start && o.end
              ? t('testing.create.workshopShiftHours', { workshop: o.workshop, shift: o.shift, start: o.start, end: o.end, people: fmt.number(o.people) })
              : t('testing.create.workshopShift', { workshop: o.workshop, shift: o.shift, people: fmt.number(o.people) }),
      }))
    : [];
  return (
    <Select
      showSearch={unitSearch}
      disabled={!enterpriseId}
      loading={workshops.loading}
      options={options}
      placeholder={enterpriseId ? undefined : t('testing.create.chooseEnterpriseFirst')}
      notFoundContent={workshops.error ? errorText(workshops.error, lang) : t('testing.create.noWorkshops')}
      {...props}
    />
  );
}
