// customerInfo / customerinfo (both spellings occur) and the user/session tag lists.

import type { CustomerInfo, Tag } from './conversation'
import { isObj, type Obj, readArray, textOf, wrongType } from './normalize-readers'

type Role = 'name' | 'first' | 'last' | 'phone' | 'email'

// Keys compared lower-case with punctuation removed, so CustomerFirstName, firstName and first_name
// all match. CenterPhone is the contact centre's number, not the customer's: it stays in `extra`.
const ROLE_BY_KEY = new Map<string, Role>([
  ...['customername', 'name', 'fullname', 'customerfullname'].map((k) => [k, 'name'] as const),
  ...['customerfirstname', 'firstname', 'fname', 'givenname'].map((k) => [k, 'first'] as const),
  ...['customerlastname', 'lastname', 'lname', 'surname', 'familyname'].map((k) => [k, 'last'] as const),
  ...[
    'customerphone',
    'customerphonenumber',
    'customernumber',
    'customermobile',
    'phone',
    'phonenumber',
    'phoneno',
    'mobile',
    'mobilenumber',
    'contactnumber',
  ].map((k) => [k, 'phone'] as const),
  ...['customeremail', 'customeremailid', 'customeremailaddress', 'email', 'emailid', 'emailaddress'].map(
    (k) => [k, 'email'] as const,
  ),
])

// The same few keys come back in every record: remember their roles (bounded, keys are untrusted).
const roleCache = new Map<string, Role | undefined>()

function roleOf(key: string): Role | undefined {
  if (roleCache.has(key)) return roleCache.get(key)
  const role = ROLE_BY_KEY.get(key.toLowerCase().replace(/[^a-z0-9]/g, ''))
  if (roleCache.size < 1000) roleCache.set(key, role)
  return role
}

const CUSTOMER_KEYS = ['customerInfo', 'customerinfo'] as const

export function readCustomer(rec: Obj, w: string[]): CustomerInfo {
  const found: Record<Role, string | null> = { name: null, first: null, last: null, phone: null, email: null }
  const extra: Record<string, unknown> = {}
  // customerInfo (the documented spelling) wins over customerinfo (the one the samples use) when both exist
  for (const key of CUSTOMER_KEYS) {
    const src = rec[key]
    if (src === undefined || src === null) continue
    if (!isObj(src)) {
      wrongType(w, key, 'an object', src)
      continue
    }
    for (const k in src) {
      if (!Object.hasOwn(src, k)) continue
      const v = src[k]
      if (v === undefined || v === null || v === '') continue
      const role = roleOf(k)
      if (role === undefined) {
        if (Object.hasOwn(extra, k)) continue
        // assigning "__proto__" would set the prototype: that key must be defined as data
        if (k === '__proto__')
          Object.defineProperty(extra, k, { value: v, writable: true, enumerable: true, configurable: true })
        else extra[k] = v
      } else if (found[role] === null) {
        // phone numbers sent as numbers are ordinary, not worth a warning
        found[role] = typeof v === 'number' && role === 'phone' ? String(v) : textOf(v, `${key}.${k}`, w)
      }
    }
  }
  const { first, last } = found
  return {
    name: found.name ?? (first !== null && last !== null ? `${first} ${last}` : (first ?? last)),
    phone: found.phone,
    email: found.email,
    extra,
  }
}

export function readTags(rec: Obj, key: string, w: string[]): Tag[] {
  const list = readArray(rec, key, '', w)
  const out: Tag[] = []
  for (let i = 0; i < list.length; i++) {
    const t = list[i]
    if (!isObj(t)) {
      wrongType(w, `${key}[${i}]`, 'a {name, value} tag', t)
      continue
    }
    const at = `${key}[${i}].`
    // tag values are free-form; numbers and booleans are ordinary here
    const v = t.value
    const value = typeof v === 'number' || typeof v === 'boolean' ? String(v) : textOf(v, `${at}value`, w)
    out.push({ name: textOf(t.name, `${at}name`, w), value })
  }
  return out
}
