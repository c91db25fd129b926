import { App, Button, Form, type FormInstance, Input, Modal, Select, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.ts';
import { type FieldIssue, issuesOf } from '../../shared/api/issues.ts';
import type { PlaceUnit, Role } from '../../shared/api/types.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { unitOptions, unitSearch, useCommunes, useDistricts } from '../../shared/hooks/use-units.ts';
import { type Language, useLanguage } from '../../shared/i18n/index.ts';
import { useMe } from '../../shared/session/session.tsx';
import { clearEditedErrors, FormErrorAlert, issueText, MessagesAlert, placeIssues } from '../../shared/ui/form-issues.tsx';
import { PasswordFields } from './password-fields.tsx';
import { OrgUnitSelect } from './org-unit-select.tsx';
import {
  orgKindsOf, ROLES, type RoleRule, scopeBody, type ScopeKind, scopeKindsOf, type User,
  type UserCreateBody, userPatch, usersPaths,
} from './users-api.ts';

interface FormValues {
  username?: string;
  fullName: string;
  password?: string;
  confirm?: string;
  role?: Role;
  scopeKind?: ScopeKind;
  districtCode?: string;
  communeCode?: string;
  orgId?: number;
}

export type UserFormTarget = { mode: 'create' } | { mode: 'edit'; user: User };

/** Which form field shows a server issue about `field` (the API names scope fields its own way). */
function formFieldOf(field: string, kind: ScopeKind | undefined, mode: UserFormTarget['mode']): keyof FormValues | undefined {
  switch (field) {
    case 'fullName':
    case 'role':
    case 'scopeKind':
      return field;
    case 'username':
    case 'password':
      return mode === 'create' ? field : undefined;
    case 'scopeOrgId':
      return 'orgId';
    case 'scopeCode':
      if (kind === 'district') return 'districtCode';
      if (kind === 'commune') return 'communeCode';
      if (kind === 'org') return 'orgId';
      return 'scopeKind';
    default:
      return undefined;
  }
}

const FIELDS: Array<keyof FormValues> = ['username', 'fullName', 'password', 'confirm', 'role', 'scopeKind', 'districtCode', 'communeCode', 'orgId'];

/**
 * Puts a 400's issues (or a 409's field) under the fields they name; returns the messages
 * no field shows, or null when the error is neither.
 */
function showOnFields(form: FormInstance<FormValues>, e: unknown, lang: Language, mode: UserFormTarget['mode']): string[] | null {
  if (!(e instanceof ApiError)) return null;
  const kind = form.getFieldValue('scopeKind') as ScopeKind | undefined;
  const issues: FieldIssue[] =
    e.code === 'VALIDATION_FAILED' ? issuesOf<FieldIssue>(e.details) : e.field ? [{ field: e.field, code: e.code, message: e.localised }] : [];
  if (issues.length === 0) return null;
  const { fields, unplaced } = placeIssues(issues, (f) => formFieldOf(f, kind, mode), lang);
  form.setFields(fields);
  return unplaced.map((i) => issueText(i, lang));
}

function initialValues(target: UserFormTarget, communeDistrict: string | undefined): Partial<FormValues> {
  if (target.mode === 'create') return {};
  const { user } = target;
  const s = user.scope;
  return {
    fullName: user.fullName,
    role: user.role,
    scopeKind: s.kind,
    districtCode: s.kind === 'district' ? s.code : s.kind === 'commune' ? communeDistrict : undefined,
    communeCode: s.kind === 'commune' ? s.code : undefined,
    orgId: s.kind === 'org' ? Number(s.code) : undefined,
  };
}

interface Props {
  /** null: closed. */
  target: UserFormTarget | null;
  onClose: () => void;
  onSaved: (user: User) => void;
}

/** Creates a user (with a password) or changes one's name, role and scope. */
export function UserFormModal({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const editing = target?.mode === 'edit' ? target.user : undefined;
  const me = useMe();
  const opening = useOpenCount(target);
  // Loaded once for every opening (an edited user's district then shows by name, not code).
  const districts = useDistricts(me.provinceCode);
  const rules = useApi<{ roles: RoleRule[] }>(usersPaths.roles).data?.roles;
  // A commune's district is not in its code: ask for it so the district picker can show it.
  const communeUnit = useApi<PlaceUnit>(editing?.scope.kind === 'commune' ? `/api/places/units/${editing.scope.code}` : null);
  const waiting =
    (editing !== undefined && districts.loading) ||
    (editing?.scope.kind === 'commune' && communeUnit.data?.code !== editing.scope.code && !communeUnit.error);

  return (
    <Modal
      open={target !== null}
      title={editing ? t('users.form.editTitle', { username: editing.username }) : t('users.form.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={560}
    >
      {target && (waiting ? (
        <Skeleton active />
      ) : (
        <UserForm
          key={opening}
          target={target}
          communeDistrict={communeUnit.data?.districtCode ?? undefined}
          districts={districts}
          rules={rules}
          onClose={onClose}
          onSaved={onSaved}
        />
      ))}
    </Modal>
  );
}

interface FormProps {
  target: UserFormTarget;
  communeDistrict: string | undefined;
  districts: { units: PlaceUnit[]; loading: boolean };
  /** Which scope kinds each role may have; undefined while loading. */
  rules: RoleRule[] | undefined;
  onClose: () => void;
  onSaved: (user: User) => void;
}

function UserForm({ target, communeDistrict, districts, rules, onClose, onSaved }: FormProps) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const role = Form.useWatch('role', form);
  const scopeKind = Form.useWatch('scopeKind', form);
  const districtCode = Form.useWatch('districtCode', form);
  const communes = useCommunes(scopeKind === 'commune' ? districtCode : undefined);
  const editing = target.mode === 'edit' ? target.user : undefined;
  const required = { required: true, message: t('users.form.required') };
  const allowedKinds = scopeKindsOf(rules, role);
  const orgKinds = orgKindsOf(rules, role);
  const provinceName = me.scope.kind === 'province' ? me.scope.name : me.provinceCode;
  // The edited user's own area, labelled while the pickers' lists load.
  const withCurrent = (options: Array<{ value: string; label: string }>, kind: ScopeKind) =>
    editing?.scope.kind === kind && !options.some((o) => o.value === editing.scope.code)
      ? [...options, { value: editing.scope.code, label: editing.scope.name }]
      : options;

  // Keep the scope kind one the role allows (picked for the user when there is only one),
  // also when the role catalogue arrives after the role was chosen.
  const rulesLoaded = rules !== undefined;
  const allowedKey = allowedKinds.join();
  useEffect(() => {
    if (!rulesLoaded || !role) return;
    const kinds = allowedKey.split(',') as ScopeKind[];
    const kind = form.getFieldValue('scopeKind') as ScopeKind | undefined;
    if (!kind || !kinds.includes(kind)) form.setFieldValue('scopeKind', kinds.length === 1 ? kinds[0] : undefined);
  }, [rulesLoaded, role, allowedKey, form]);

  // Called by onFinish, once the form's own rules pass.
  const submit = async (v: FormValues) => {
    const scope = v.role && v.scopeKind
      ? scopeBody(v.role, { kind: v.scopeKind, areaCode: v.scopeKind === 'commune' ? v.communeCode : v.districtCode, orgId: v.orgId }, me.provinceCode)
      : undefined;
    if (!scope) return;
    setSaving(true);
    setError(null);
    setUnplaced([]);
    form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
    try {
      let saved: User;
      if (editing) {
        const patch = userPatch(editing, v.fullName, scope);
        if (Object.keys(patch).length === 0) {
          message.info(t('users.form.nothingChanged'));
          onClose();
          return;
        }
        saved = await api.patch<User>(usersPaths.one(editing.id), patch);
        message.success(t('users.form.saved', { username: saved.username }));
      } else {
        const body: UserCreateBody = { username: (v.username ?? '').trim(), password: v.password ?? '', fullName: v.fullName.trim(), ...scope };
        saved = await api.post<User>(usersPaths.create, body);
        message.success(t('users.form.created', { username: saved.username }));
      }
      onSaved(saved);
    } catch (e) {
      const rest = showOnFields(form, e, lang, target.mode);
      if (rest === null) setError(e);
      else setUnplaced(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues(target, communeDistrict)}
      disabled={saving}
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      data-testid="user-form"
    >
      <FormErrorAlert error={error} />
      <MessagesAlert title={t('users.form.fixErrors')} messages={unplaced} />
      {!editing && (
        <Form.Item name="username" label={t('users.username')} rules={[{ ...required, whitespace: true }]} extra={t('users.form.usernameHint')}>
          <Input maxLength={50} autoComplete="off" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
      )}
      <Form.Item name="fullName" label={t('users.fullName')} rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      {!editing && <PasswordFields />}
      <Form.Item name="role" label={t('users.role')} rules={[required]}>
        <Select<Role>
          options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          // No two roles share a kind of organisation: a new role needs a new one.
          onChange={() => form.setFieldValue('orgId', undefined)}
          data-testid="user-role"
        />
      </Form.Item>
      <Form.Item name="scopeKind" label={t('users.form.scopeKind')} rules={[required]} extra={editing ? t('users.form.accessChangeHint') : undefined}>
        <Select<ScopeKind>
          disabled={!role}
          loading={!!role && !rulesLoaded}
          placeholder={role ? undefined : t('users.form.chooseRoleFirst')}
          options={allowedKinds.map((k) => ({ value: k, label: t(`users.scopeKinds.${k}`) }))}
          onChange={() => form.setFieldsValue({ communeCode: undefined, orgId: undefined })}
          data-testid="user-scope-kind"
        />
      </Form.Item>
      {scopeKind === 'province' && (
        <Form.Item label={t('users.scope')}>
          <Input disabled value={t('users.form.wholeProvince', { name: provinceName })} />
        </Form.Item>
      )}
      {(scopeKind === 'district' || scopeKind === 'commune') && (
        <Form.Item name="districtCode" label={t('users.form.district')} rules={[required]}>
          <Select
            showSearch={unitSearch}
            options={withCurrent(unitOptions(districts.units), 'district')}
            loading={districts.loading}
            onChange={() => form.setFieldValue('communeCode', undefined)}
            data-testid="user-district"
          />
        </Form.Item>
      )}
      {scopeKind === 'commune' && (
        <Form.Item name="communeCode" label={t('users.form.commune')} rules={[required]}>
          <Select
            showSearch={unitSearch}
            disabled={!districtCode}
            placeholder={districtCode ? undefined : t('users.form.chooseDistrictFirst')}
            options={districtCode === communeDistrict ? withCurrent(unitOptions(communes.units), 'commune') : unitOptions(communes.units)}
            loading={communes.loading}
            data-testid="user-commune"
          />
        </Form.Item>
      )}
      {scopeKind === 'org' && (
        <Form.Item name="orgId" label={t('users.form.org')} rules={[required]}>
          <OrgUnitSelect
            kinds={orgKinds}
            current={editing?.scope.kind === 'org' ? { id: Number(editing.scope.code), name: editing.scope.name } : undefined}
          />
        </Form.Item>
      )}
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose} disabled={saving}>
          {t('app.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="user-form-submit">
          {t('users.form.submit')}
        </Button>
      </div>
    </Form>
  );
}
