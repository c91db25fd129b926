import { describe, expect, it } from 'vitest';
import { communeOptions } from './registration-api.ts';

describe('commune options of the registration form', () => {
  it('groups communes under their district, labelled with name and code', () => {
    const options = communeOptions([{ code: '222', name: 'Huyện Việt Yên', communes: [{ code: '07801', name: 'Xã Vân Trung' }, { code: '07807', name: 'Xã Quang Châu' }] }]);
    expect(options).toEqual([{ label: 'Huyện Việt Yên', title: 'Huyện Việt Yên', options: [{ value: '07801', label: 'Xã Vân Trung (07801)' }, { value: '07807', label: 'Xã Quang Châu (07807)' }] }]);
  });
});
