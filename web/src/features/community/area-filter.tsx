import { Space } from 'antd';
import { useState } from 'react';
import { useMe } from '../../shared/session/session.tsx';
import { CommuneFilterSelect, DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';

/** The district and commune a tab looks at: a commune's user always its own commune (no selects). */
export function useAreaFilter() {
  const me = useMe();
  const own = me.scope.kind === 'commune' ? me.scope.code : undefined;
  const [districtCode, setDistrict] = useState<string | undefined>(me.scope.kind === 'district' ? me.scope.code : undefined);
  const [picked, setCommune] = useState<string | undefined>(undefined);
  const communeCode = own ?? picked;
  const selects = own ? null : (
    <Space wrap>
      <DistrictFilterSelect value={districtCode} onChange={(d) => { setDistrict(d); setCommune(undefined); }} width={170} />
      <CommuneFilterSelect districtCode={districtCode} value={picked} onChange={setCommune} width={170} />
    </Space>
  );
  return { districtCode, communeCode, selects };
}
