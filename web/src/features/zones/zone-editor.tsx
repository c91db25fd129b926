import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, DatePicker, Form, Grid, Input, Row, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, apiRequest } from '../../shared/api/client.ts';
import { todayInVietnam } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { clearEditedErrors, FormErrorAlert, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { RingSection } from './ring-section.tsx';
import { ZoneDrawMap } from './zone-draw-map.tsx';
import {
  addableRings,
  areasField,
  draftFromZone,
  draftIssues,
  emptyRings,
  type RingValues,
  ringsFromValues,
  ringValues,
  sentRingOrder,
  shapeField,
  type ZoneDraft,
  zoneBody,
  zoneFieldOf,
  zoneUpdateBody,
} from './zone-form.ts';
import { boundsOfShapes, type DrawnShape } from './zone-shapes.ts';
import { RING_KINDS, type RingKind, type Zone, zonesPaths } from './zones-api.ts';

interface FormValues extends RingValues {
  name: string;
  decisionNo: string;
  decidedOn?: Dayjs | null;
  startedOn: Dayjs;
  /** Edits only: why the zone changes. */
  reason?: string;
}

interface Props {
  /** The zone edited; null: a new zone. */
  zone: Zone | null;
  onClose: () => void;
  onSaved: (zone: Zone) => void;
}

function initialValues(zone: Zone | null): FormValues {
  if (!zone) return { name: '', decisionNo: '', startedOn: dayjs(todayInVietnam()), decidedOn: null, ...ringValues(emptyRings()) };
  const d = draftFromZone(zone);
  return { name: d.name, decisionNo: d.decisionNo, decidedOn: d.decidedOn ? dayjs(d.decidedOn) : null, startedOn: dayjs(d.startedOn), ...ringValues(d.rings) };
}

/** The zone form: the decision, then each ring's shape (drawn on the map beside) and areas. */
export function ZoneEditor({ zone, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<FormValues>();
  const [initial] = useState(() => initialValues(zone));
  // Where the map opens: around the saved rings, or the whole province for a new zone.
  const [openAt] = useState(() => boundsOfShapes(RING_KINDS.flatMap((r) => initial[shapeField(r)] ?? [])));
  const [rings, setRings] = useState<RingKind[]>(() => (zone ? sentRingOrder(draftFromZone(zone).rings) : ['core']));
  const [active, setActive] = useState<RingKind>('core');
  const { saving, error, otherIssues, run } = useFormSubmit(form, zoneFieldOf(rings));
  const shapes = {
    core: Form.useWatch('coreShape', form),
    buffer: Form.useWatch('bufferShape', form),
    surveillance: Form.useWatch('surveillanceShape', form),
  };
  const required = { required: true, message: t('zones.required') };

  const setShape = (ring: RingKind, shape: DrawnShape | null) => form.setFields([{ name: shapeField(ring), value: shape, errors: [] }]);
  const addRing = (ring: RingKind) => {
    form.setFields([{ name: shapeField(ring), value: null, errors: [] }, { name: areasField(ring), value: [], errors: [] }]);
    setRings((present) => RING_KINDS.filter((k) => k === ring || present.includes(k)));
    setActive(ring);
  };
  const removeRing = (ring: RingKind) => {
    setRings((present) => present.filter((k) => k !== ring));
    if (active === ring) setActive('core');
  };

  const submit = async (v: FormValues) => {
    const ringDrafts = ringsFromValues(rings, v);
    const issues = draftIssues(ringDrafts);
    if (issues.length > 0) {
      form.setFields(
        issues.map((i) => ({ name: i.field, errors: [t(`zones.issues.${i.code}`, { ring: t(`zones.rings.${i.ring}`).toLocaleLowerCase(lang) })] })),
      );
      return;
    }
    const draft: ZoneDraft = {
      name: v.name,
      decisionNo: v.decisionNo,
      decidedOn: v.decidedOn ? v.decidedOn.format('YYYY-MM-DD') : null,
      startedOn: v.startedOn.format('YYYY-MM-DD'),
      rings: ringDrafts,
    };
    // 400: rings that do not nest, an area outside the province, dates out of order; 409: the zone has ended.
    await run(async () => {
      const saved = zone
        ? await apiRequest<Zone>(zonesPaths.one(zone.id), { method: 'PUT', json: zoneUpdateBody(draft, v.reason ?? '') })
        : await api.post<Zone>(zonesPaths.create, zoneBody(draft));
      message.success(t(zone ? 'zones.edit.done' : 'zones.create.done', { name: saved.name }));
      onSaved(saved);
    });
  };

  const dateFields = (
    <Space wrap size={12} align="start">
      <Form.Item name="decidedOn" label={t('zones.decidedOn')}>
        <DatePicker format="DD/MM/YYYY" style={{ width: 180 }} data-testid="zone-decided-on" />
      </Form.Item>
      <Form.Item name="startedOn" label={t('zones.startedOn')} rules={[required]}>
        <DatePicker format="DD/MM/YYYY" allowClear={false} style={{ width: 180 }} data-testid="zone-started-on" />
      </Form.Item>
    </Space>
  );

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="zone-form"
    >
      <FormErrorAlert error={error} testId="zone-error" />
      <UnplacedIssuesAlert title={t('zones.form.rejected')} issues={otherIssues} />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Form.Item name="name" label={t('zones.name')} rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={200} placeholder={t('zones.form.namePlaceholder')} data-testid="zone-name" />
          </Form.Item>
          <Form.Item name="decisionNo" label={t('zones.decisionNo')} rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={100} placeholder={t('zones.form.decisionNoPlaceholder')} data-testid="zone-decision-no" />
          </Form.Item>
          {dateFields}
          {rings.map((ring) => (
            <RingSection
              key={ring}
              ring={ring}
              active={active === ring}
              onDraw={() => setActive(ring)}
              onRemove={ring === 'core' ? undefined : () => removeRing(ring)}
            />
          ))}
          <Space wrap style={{ marginBottom: 12 }}>
            {addableRings(rings).map((ring) => (
              <Button key={ring} icon={<PlusOutlined />} onClick={() => addRing(ring)} data-testid={`zone-ring-add-${ring}`}>
                {t(`zones.form.addRing.${ring}`)}
              </Button>
            ))}
          </Space>
          {zone && (
            <Form.Item name="reason" label={t('zones.edit.reason')} rules={[{ ...required, whitespace: true }]}>
              <Input.TextArea rows={2} maxLength={500} placeholder={t('zones.edit.reasonPlaceholder')} data-testid="zone-reason" />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} lg={14}>
          <div style={{ position: 'sticky', top: 0, marginBottom: 12 }}>
            <ZoneDrawMap rings={rings} shapes={shapes} openAt={openAt} active={active} onActive={setActive} onShape={setShape} height={screens.lg ? 560 : 380} />
          </div>
        </Col>
      </Row>
      <FormFooter saving={saving} onClose={onClose} submitText={t(zone ? 'zones.edit.submit' : 'zones.create.submit')} testId="zone-submit" />
    </Form>
  );
}
