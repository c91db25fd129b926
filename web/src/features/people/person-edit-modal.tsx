import { App, Button, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.ts';
import type { FieldIssue } from '../../shared/api/issues.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { clearEditedErrors, FormErrorAlert } from '../../shared/ui/form-issues.tsx';
import { type MaskableField, maskedFieldsOf, peoplePaths, type PersonEdit, personPatch, type PersonView } from './people-api.ts';
import { blankToNull, clearServerErrors, OtherIssuesAlert, PersonFormFields, type PersonFormValues, showIssuesOnFields } from './person-form-fields.tsx';

function initialValues(p: PersonView): PersonFormValues {
  const date = p.dateOfBirth ? dayjs(p.dateOfBirth, 'YYYY-MM-DD', true) : null;
  return {
    fullName: p.fullName,
    sex: p.sex,
    dateOfBirth: date?.isValid() ? date : null,
    nationalId: p.nationalId ?? undefined,
    phone: p.phone ?? undefined,
    districtCode: p.districtCode,
    communeCode: p.communeCode,
    addressDetail: p.addressDetail ?? undefined,
  };
}

function toEdit(v: PersonFormValues): PersonEdit {
  return {
    fullName: v.fullName.trim(),
    sex: v.sex,
    dateOfBirth: v.dateOfBirth ? v.dateOfBirth.format('YYYY-MM-DD') : null,
    nationalId: blankToNull(v.nationalId),
    phone: blankToNull(v.phone),
    communeCode: v.communeCode,
    addressDetail: blankToNull(v.addressDetail),
  };
}

interface Props {
  /** The person as shown in the drawer; null: closed. */
  person: PersonView | null;
  onClose: () => void;
  onSaved: (person: PersonView) => void;
}

/**
 * Changes a person: sends only the fields that changed (PATCH). Values this role sees masked
 * are shown read-only and never sent back, so a '***' can't overwrite the real value.
 */
export function PersonEditModal({ person, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(person);
  return (
    <Modal open={person !== null} title={t('people.edit.title')} onCancel={onClose} destroyOnHidden footer={null}>
      {/* A fresh form (and form store) for each opening. */}
      {person && <PersonEditForm key={opening} person={person} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function PersonEditForm({ person, onClose, onSaved }: { person: PersonView; onClose: () => void; onSaved: (person: PersonView) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<PersonFormValues>();
  const [saving, setSaving] = useState(false);
  const [otherIssues, setOtherIssues] = useState<FieldIssue[]>([]);
  const [error, setError] = useState<unknown>(null);

  const locked: Partial<Record<MaskableField, string>> = {};
  for (const f of maskedFieldsOf(person)) locked[f] = person[f] ?? '';

  // Called by onFinish, once the form's own rules pass.
  const submit = async (values: PersonFormValues) => {
    const patch = personPatch(person, toEdit(values));
    if (Object.keys(patch).length === 0) {
      message.info(t('people.edit.nothingChanged'));
      onClose();
      return;
    }
    setSaving(true);
    setOtherIssues([]);
    setError(null);
    clearServerErrors(form);
    try {
      const saved = await api.patch<PersonView>(peoplePaths.one(person.id), patch);
      message.success(t('people.edit.saved', { name: saved.fullName }));
      onSaved(saved);
    } catch (e) {
      const unplaced = showIssuesOnFields(form, e, lang);
      if (unplaced) {
        setOtherIssues(unplaced);
      } else if (e instanceof ApiError && e.code === 'DUPLICATE') {
        setError(e);
        // The message names what clashes; show it on that field too.
        if (e.field === 'nationalId' || e.field === 'phone') form.setFields([{ name: e.field, errors: [e.text(lang)] }]);
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<PersonFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues(person)}
      onValuesChange={(changed: Partial<PersonFormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="person-edit-form"
    >
      <FormErrorAlert error={error} testId="person-edit-error" />
      <OtherIssuesAlert issues={otherIssues} />
      <PersonFormFields
        form={form}
        locked={locked}
        currentCommune={{ code: person.communeCode, name: person.communeName, districtCode: person.districtCode }}
      />
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose}>{t('app.cancel')}</Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="person-edit-save">
          {t('people.create.submit')}
        </Button>
      </div>
    </Form>
  );
}
