import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/**
 * oidc-provider's storage, in memory. Its bundled memory adapter would do, but it warns each time a
 * Provider is built, and the development provider builds one at every key rotation; sharing this
 * store between them also keeps whatever it holds across a rotation. JWT access tokens are
 * self-contained and never stored; what may land here are the provider's own records (sessions,
 * interactions, grants) of its browser endpoints, which Tongban does not use.
 */
export function createMemoryAdapterFactory(now: () => number = Date.now): (model: string) => Adapter {
  const entries = new Map<string, Entry>();
  const secondary = new Map<string, string>();
  const grants = new Map<string, Set<string>>();

  const live = (key: string | undefined): AdapterPayload | undefined => {
    if (key === undefined) return undefined;
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  return (model) => {
    const keyOf = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const key = keyOf(id);
        entries.set(key, { payload, expiresAt: expiresIn === undefined ? Infinity : now() + expiresIn * 1000 });
        if (typeof payload['grantId'] === 'string') {
          const members = grants.get(payload['grantId']) ?? new Set<string>();
          grants.set(payload['grantId'], members.add(key));
        }
        if (typeof payload['uid'] === 'string') secondary.set(`uid:${payload['uid']}`, key);
        if (typeof payload['userCode'] === 'string') secondary.set(`userCode:${payload['userCode']}`, key);
      },
      async find(id) {
        return live(keyOf(id));
      },
      async findByUid(uid) {
        return live(secondary.get(`uid:${uid}`));
      },
      async findByUserCode(userCode) {
        return live(secondary.get(`userCode:${userCode}`));
      },
      async consume(id) {
        const payload = live(keyOf(id));
        if (payload) payload['consumed'] = Math.floor(now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyOf(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of grants.get(grantId) ?? []) entries.delete(key);
        grants.delete(grantId);
      },
    };
  };
}
