import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { clearEditedErrors, FormErrorAlert, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { directivesPaths, type Meeting } from './directives-api.ts';
import { isEmptyPatch, meetingHeaderValues, meetingPatch } from './directives-edit.ts';
import { meetingBody } from './directives-view.ts';

interface FormValues {
  heldOn: Dayjs;
  title: string;
  chair: string;
  attendees?: string[];
  noticeNo?: string;
  items: Array<string | undefined>;
}

/** Server issues under their fields; those of a conclusion ('items.1', numbered as sent) show above the form. */
function fieldOf(field: string): string | undefined {
  if (['heldOn', 'title', 'chair', 'attendees', 'noticeNo'].includes(field)) return field;
  return undefined;
}

/** Create (the default): a new meeting with its conclusions. Edit: the header of `initial` (day and conclusions stay). */
type Mode = { initial?: undefined; onCreated: (meeting: Meeting) => void } | { initial: Meeting; onSaved: (meeting: Meeting) => void };

type Props = { open: boolean; onClose: () => void } & Mode;

/** "Cuộc họp giao ban mới" / "Sửa cuộc họp": the day, title, chair, attendees and (new only) the numbered conclusions of the notice. */
export function MeetingFormModal(props: Props) {
  const { t } = useTranslation();
  const { open, onClose } = props;
  const opening = useOpenCount(open);
  const title = props.initial ? t('directives.meetings.editTitle') : t('directives.meetings.createTitle');
  return (
    <Modal open={open} title={title} onCancel={onClose} destroyOnHidden footer={null} width={760}>
      {open && <MeetingForm key={opening} {...props} />}
    </Modal>
  );
}

function MeetingForm(props: Props) {
  const { onClose, initial } = props;
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, fieldOf);
  const required = { required: true, whitespace: true, message: t('directives.required') };
  const today = todayInVietnam();

  const submit = async (v: FormValues) => {
    if (props.initial) {
      const before = props.initial;
      const onSaved = props.onSaved;
      const patch = meetingPatch(before, v);
      if (isEmptyPatch(patch)) {
        message.info(t('directives.noChanges'));
        onClose();
        return;
      }
      await run(async () => {
        const saved = await api.patch<Meeting>(directivesPaths.meeting(before.id), patch);
        message.success(t('directives.meetings.saved', { date: fmt.date(saved.heldOn) }));
        onSaved(saved);
      });
      return;
    }
    const onCreated = props.onCreated;
    await run(async () => {
      const created = await api.post<Meeting>(directivesPaths.meetingCreate, meetingBody({ ...v, heldOn: v.heldOn.format('YYYY-MM-DD') }));
      message.success(t('directives.meetings.created', { date: fmt.date(created.heldOn) }));
      onCreated(created);
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initial ? { heldOn: dayjs(initial.heldOn), ...meetingHeaderValues(initial), items: [] } : { heldOn: dayjs(today), items: ['', ''] }}
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="meeting-form"
    >
      <FormErrorAlert error={error} testId="meeting-error" />
      <UnplacedIssuesAlert title={initial ? t('directives.meetings.notSaved') : t('directives.meetings.rejected')} issues={otherIssues} />
      <Space wrap align="start" style={{ width: '100%' }}>
        <Form.Item name="heldOn" label={t('directives.meetings.heldOn')} rules={[{ required: true, message: t('directives.required') }]}>
          <DatePicker
            format="DD/MM/YYYY"
            allowClear={false}
            // The situation figures are those of the day: it is not changed afterwards.
            disabled={initial !== undefined}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
            style={{ width: 160 }}
            data-testid="meeting-held-on"
          />
        </Form.Item>
        <Form.Item name="noticeNo" label={t('directives.meetings.noticeNo')}>
          <Input maxLength={50} placeholder={t('directives.meetings.noticeNoPlaceholder')} style={{ width: 200 }} data-testid="meeting-notice-no" />
        </Form.Item>
      </Space>
      <Form.Item name="title" label={t('directives.meetings.title')} rules={[required]}>
        <Input maxLength={300} placeholder={t('directives.meetings.titlePlaceholder')} data-testid="meeting-title" />
      </Form.Item>
      <Form.Item name="chair" label={t('directives.meetings.chair')} rules={[required]}>
        <Input maxLength={200} placeholder={t('directives.meetings.chairPlaceholder')} data-testid="meeting-chair" />
      </Form.Item>
      <Form.Item name="attendees" label={t('directives.meetings.attendees')} extra={t('directives.meetings.attendeesHint')}>
        <Select mode="tags" open={false} tokenSeparators={[';']} placeholder={t('directives.meetings.attendeesPlaceholder')} data-testid="meeting-attendees" />
      </Form.Item>
      {!initial && <ConclusionsFields />}
      <FormFooter
        saving={saving}
        onClose={onClose}
        submitText={initial ? t('directives.meetings.save') : t('directives.meetings.submit')}
        testId="meeting-submit"
      />
    </Form>
  );
}

/** The numbered conclusions of a new meeting (those of a recorded one are edited on its page). */
function ConclusionsFields() {
  const { t } = useTranslation();
  const required = { required: true, whitespace: true, message: t('directives.required') };
  return (
    <>
      <Typography.Text strong>{t('directives.meetings.items')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('directives.meetings.itemsHint')}
      </Typography.Paragraph>
      <Form.List
        name="items"
        rules={[
          {
            validator: async (_, items: Array<string | undefined> | undefined) => {
              if (!items || !items.some((i) => i?.trim())) throw new Error(t('directives.meetings.itemsRequired'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <div key={field.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                <span style={{ width: 28, paddingTop: 5, fontWeight: 500, textAlign: 'right' }}>{index + 1}.</span>
                <Form.Item name={field.name} style={{ flex: 1, marginBottom: 8 }} rules={[required]}>
                  <Input.TextArea
                    autoSize={{ minRows: 2, maxRows: 8 }}
                    maxLength={4000}
                    placeholder={t('directives.meetings.itemPlaceholder', { n: index + 1 })}
                    aria-label={t('directives.meetings.item', { n: index + 1 })}
                    data-testid={`meeting-item-${index}`}
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('directives.meetings.removeItem')}
                  onClick={() => remove(field.name)}
                  disabled={fields.length <= 1}
                  data-testid={`meeting-item-remove-${index}`}
                />
              </div>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')} style={{ margin: '4px 0 16px 36px' }} data-testid="meeting-item-add">
              {t('directives.meetings.addItem')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
