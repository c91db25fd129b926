import { useTranslation } from 'react-i18next';
import { XlsxImportModal } from '../../shared/ui/xlsx-import-modal.tsx';
import { casesPaths } from './cases-api.ts';

/** Known body fields get their column label; others show as the server names them. */
const FIELD_LABELS: Record<string, string> = {
  caseCode: 'cases.caseCode',
  personId: 'cases.importer.person',
  nationalId: 'cases.nationalId',
  onsetDate: 'cases.onsetDate',
  sampleDate: 'cases.sampleDate',
  confirmationDate: 'cases.confirmationDate',
  isolationDate: 'cases.isolationDate',
  detection: 'cases.detection',
  classification: 'cases.classification',
  status: 'cases.status',
  communeCode: 'cases.commune',
  foundPlace: 'cases.foundPlace',
  note: 'cases.note',
};

interface Props {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}

/** Cases from an .xlsx file: a row with any issue rejects the whole file. */
export function CasesImportModal(props: Props) {
  const { t } = useTranslation();
  return (
    <XlsxImportModal
      {...props}
      importUrl={casesPaths.import}
      templateUrl={casesPaths.template}
      texts={{
        title: t('cases.importer.title'),
        hint: t('cases.importer.hint'),
        template: t('cases.template'),
        checkedOk: (total) => t('cases.importer.checkedOk', { total }),
        confirm: (total) => t('cases.importer.confirm', { total }),
        done: (created) => t('cases.importer.done', { created }),
      }}
      fieldLabel={(f) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f] as 'cases.caseCode') : f)}
      fieldColumnWidth={170}
      issuesBlockImport
    />
  );
}
