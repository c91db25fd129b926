import { Form, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { withQuery } from '../../shared/api/client.ts';
import { SEARCH_DELAY_MS } from '../../shared/hooks/use-debounced-search.ts';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { RemoteSelect } from '../../shared/ui/remote-select.tsx';
import { CONCERN_KINDS, type ConcernKind } from './directives-api.ts';

interface Named {
  id: number;
  name: string;
}

/** Lists any signed-in user may search: the lockdown zones and the facilities (clusters and enterprises are named by id). */
const SEARCHES: Partial<Record<ConcernKind, (text: string) => string>> = {
  zone: (text) => withQuery('/api/zones', { q: text.trim(), pageSize: 20 }),
  facility: (text) => withQuery('/api/places/facilities', { q: text.trim(), pageSize: 20 }),
};

/**
 * "Liên quan đến": what a task concerns (optional): the kind, then the thing — a commune by district
 * and commune, a zone or a facility by name, a cluster or an enterprise by its number.
 */
export function ConcernFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const kind = Form.useWatch<ConcernKind | undefined>('concernKind', form);
  const district = Form.useWatch<string | undefined>('concernDistrict', form);
  const required = { required: true, message: t('directives.required') };
  const search = kind ? SEARCHES[kind] : undefined;

  return (
    <Space wrap align="start" style={{ width: '100%' }}>
      <Form.Item name="concernKind" label={t('directives.taskForm.concernsKind')}>
        <Select<ConcernKind>
          allowClear
          placeholder={t('directives.taskForm.concernsNone')}
          options={CONCERN_KINDS.map((k) => ({ value: k, label: t(`directives.concernKinds.${k}`) }))}
          onChange={() => form.setFieldsValue({ concernRef: undefined, concernDistrict: undefined })}
          style={{ width: 220 }}
          data-testid="task-concern-kind"
        />
      </Form.Item>
      {kind === 'commune' && (
        <>
          <Form.Item name="concernDistrict" label={t('area.district')} rules={[required]}>
            <DistrictSelect onChange={() => form.setFieldValue('concernRef', undefined)} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="concernRef" label={t('area.commune')} rules={[required]}>
            <CommuneSelect districtCode={district} style={{ width: 200 }} />
          </Form.Item>
        </>
      )}
      {kind && search && (
        <Form.Item name="concernRef" label={t('directives.taskForm.concernsRef')} rules={[required]}>
          <ConcernSearch key={kind} search={search} />
        </Form.Item>
      )}
      {(kind === 'cluster' || kind === 'enterprise') && (
        <Form.Item name="concernRef" label={t('directives.taskForm.refId')} rules={[required]}>
          <InputNumber min={1} precision={0} style={{ width: 160 }} data-testid="task-concern-ref" />
        </Form.Item>
      )}
    </Space>
  );
}

/** A zone or facility found by name; the Form.Item above hands value and onChange. */
function ConcernSearch({ search, value, onChange }: { search: (text: string) => string; value?: number; onChange?: (v: number | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ width: 320, display: 'grid' }}>
      <RemoteSelect<Named>
      value={value}
      onChange={onChange}
      searchPaths={search}
      delayMs={(text) => (text ? SEARCH_DELAY_MS : 0)}
      idOf={(n) => n.id}
      labelOf={(n) => n.name}
      placeholder={t('directives.taskForm.concernsSearch')}
      testId="task-concern-search"
      />
    </div>
  );
}
