import { Alert, App, Button, Form, List, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import type { FieldIssue } from '../../shared/api/issues.ts';
import { clearEditedErrors, FormErrorAlert } from '../../shared/ui/form-issues.tsx';
import { type DuplicateMatch, matchesOf, peoplePaths, type PersonInput, type PersonView } from './people-api.ts';
import { blankToNull, clearServerErrors, OtherIssuesAlert, PersonFormFields, type PersonFormValues, showIssuesOnFields } from './person-form-fields.tsx';

const blankToUndefined = (v: string | undefined) => blankToNull(v) ?? undefined;

function toBody(v: PersonFormValues, confirmDuplicate: boolean): PersonInput {
  return {
    fullName: v.fullName.trim(),
    sex: v.sex,
    dateOfBirth: v.dateOfBirth ? v.dateOfBirth.format('YYYY-MM-DD') : undefined,
    nationalId: blankToUndefined(v.nationalId),
    phone: blankToUndefined(v.phone),
    communeCode: v.communeCode,
    addressDetail: blankToUndefined(v.addressDetail),
    ...(confirmDuplicate ? { confirmDuplicate: true } : {}),
  };
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (person: PersonView) => void;
}

/**
 * Adds a person. The client checks only what is required; the server's rules decide,
 * and its issues are shown on the fields they name.
 */
export function PersonCreateModal({ open, onClose, onCreated }: Props) {
  const { t, i18n } = useTranslation();
  const lang = useLanguage();
  const fmt = useFormat();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonFormValues>();
  const [saving, setSaving] = useState(false);
  const [duplicates, setDuplicates] = useState<DuplicateMatch[] | null>(null);
  const [otherIssues, setOtherIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);

  const resetFeedback = () => {
    setDuplicates(null);
    setOtherIssues([]);
    setError(null);
  };

  const close = () => {
    form.resetFields();
    resetFeedback();
    onClose();
  };

  const submit = async (confirmDuplicate: boolean) => {
    let values: PersonFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setSaving(true);
    resetFeedback();
    clearServerErrors(form);
    try {
      const person = await api.post<PersonView>(peoplePaths.create, toBody(values, confirmDuplicate));
      message.success(t('people.create.created', { name: person.fullName }));
      form.resetFields();
      onCreated(person);
    } catch (e) {
      const unplaced = showIssuesOnFields(form, e, lang);
      if (unplaced) {
        setOtherIssues(unplaced);
      } else if (e instanceof ApiError && e.code === 'POSSIBLE_DUPLICATE') {
        setDuplicates(matchesOf(e.details));
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('people.create.title')}
      onCancel={close}
      forceRender
      footer={[
        <Button key="cancel" onClick={close}>
          {t('app.cancel')}
        </Button>,
        duplicates ? (
          <Button key="anyway" danger loading={saving} onClick={() => void submit(true)} data-testid="create-anyway">
            {t('people.create.createAnyway')}
          </Button>
        ) : null,
        <Button key="save" type="primary" loading={saving} disabled={!!duplicates} onClick={() => void submit(false)}>
          {t('people.create.submit')}
        </Button>,
      ]}
    >
      <FormErrorAlert error={error} />
      <OtherIssuesAlert issues={otherIssues} />
      {duplicates && (
        <Alert
          type="warning"
          showIcon
          title={t('people.create.possibleDuplicate')}
          data-testid="possible-duplicates"
          description={
            <List
              size="small"
              dataSource={duplicates}
              renderItem={(m) => (
                <List.Item key={m.id}>
                  <b>{m.fullName}</b> · {fmt.date(m.dateOfBirth)} · {m.communeName} — {t('people.create.matchReason')}:{' '}
                  {i18n.exists(`people.create.reasons.${m.reason}`) ? t(`people.create.reasons.${m.reason}` as 'people.create.reasons.national_id') : m.reason}
                </List.Item>
              )}
            />
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<PersonFormValues>
        form={form}
        layout="vertical"
        onValuesChange={(changed: Partial<PersonFormValues>) => {
          if (duplicates) setDuplicates(null);
          clearEditedErrors(form, changed);
        }}
        disabled={saving}
      >
        <PersonFormFields form={form} />
      </Form>
    </Modal>
  );
}
