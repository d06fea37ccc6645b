// Typings of thena_add_contact.js. Kept in sync with the code by tests: the field names and
// text keys (with the placeholders the English uses) with src/field.rs and src/texts.rs
// (cargo test); the options, handle methods, element properties and events with what the
// module does (tests/e2e/embed.test.mjs, "the typings describe what the module does").

/** A field of the form, named as in the request body. */
export type FieldName =
  | "firstName"
  | "lastName"
  | "email"
  | "phoneNumber"
  | "contactType"
  | "avatarUrl"
  | "accountIds";

/** Values to prefill or set, named as in the request body. */
export interface ContactValues {
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
  contactType?: string;
  avatarUrl?: string;
  accountIds?: string[];
  /**
   * At mount only: the items of custom fields the form shows prefill them; the others are sent
   * unchanged.
   */
  customFieldValues?: CustomFieldValue[];
}

/**
 * One item of the request's `customFieldValues`. The platform's public reference shows only `{}`;
 * this shape is a working assumption from its other APIs. Any other member is refused.
 */
export interface CustomFieldValue {
  customFieldId?: string;
  /** One item per value (a multiple-choice field has several). */
  data?: { value: string }[];
}

/**
 * Texts that replace the English ones. `{name}` placeholders are filled in; each key's are listed
 * after it. A key that is not listed here makes mount() throw.
 */
export interface Strings {
  "firstName.label"?: string;
  /** Shown under the label; empty for none. */
  "firstName.hint"?: string;
  "lastName.label"?: string;
  /** Shown under the label; empty for none. */
  "lastName.hint"?: string;
  "email.label"?: string;
  /** Shown under the label; empty for none. */
  "email.hint"?: string;
  "phoneNumber.label"?: string;
  /** Shown under the label; empty for none. */
  "phoneNumber.hint"?: string;
  "contactType.label"?: string;
  /** Shown under the label; empty for none. */
  "contactType.hint"?: string;
  "avatarUrl.label"?: string;
  /** Shown under the label; empty for none. */
  "avatarUrl.hint"?: string;
  "accountIds.label"?: string;
  /** Shown under the label; empty for none. */
  "accountIds.hint"?: string;
  /** The submit button. */
  submit?: string;
  /** The submit button and the status while sending. */
  sending?: string;
  /** The button that sends again after a failure. */
  retry?: string;
  /**
   * After its text while a 429's wait counts down; not in its accessible name. {seconds}: the
   * wait left, short ("29 sec").
   */
  "retry.in"?: string;
  /** Shown while the browser is offline and the contact waits for the connection. */
  offline?: string;
  /** The button that stops that wait. */
  "offline.cancel"?: string;
  /** Above the form when persistDraft restored an unsent draft. */
  "draft.restored"?: string;
  /** The button that drops that draft (the form goes back to the host's values). */
  "draft.discard"?: string;
  /** The button shown after a contact was created. */
  addAnother?: string;
  /** The status after a contact was created. {name} {email} */
  created?: string;
  /** The status when a submit finds one error. */
  invalidField?: string;
  /** The status when a submit finds errors. {count} */
  invalidFields?: string;
  /** {label} */
  "firstName.required"?: string;
  /** {label} */
  "email.required"?: string;
  /** {label} {max} {actual} */
  "error.tooLong"?: string;
  /** {label} */
  "error.controlCharacters"?: string;
  "error.emailMissingAt"?: string;
  "error.emailSpace"?: string;
  /** {character} */
  "error.emailInvalidCharacter"?: string;
  "error.emailMissingLocalPart"?: string;
  "error.emailInvalidDomain"?: string;
  "error.emailDomainWithoutDot"?: string;
  "error.emailAlreadyExists"?: string;
  "error.phoneMissingCountryCode"?: string;
  "error.phoneInvalidCharacters"?: string;
  /** {digits} */
  "error.phoneWrongLength"?: string;
  "error.phoneCountryCodeStartsWithZero"?: string;
  "error.urlNotAbsolute"?: string;
  /** {scheme} */
  "error.urlUnsupportedScheme"?: string;
  "error.urlContainsSpace"?: string;
  "error.urlMissingHost"?: string;
  "error.urlInvalidPort"?: string;
  /** {id} */
  "error.accountIdContainsSpace"?: string;
  /** {id} */
  "error.accountIdRepeated"?: string;
  /** {ids} */
  "error.accountIdsRepeated"?: string;
  /** Text typed in the account picker and not chosen. {query} */
  "error.accountNotChosen"?: string;
  /** The label of a chip's remove button. {name} */
  "accounts.remove"?: string;
  /** The account the email's domain suggests. {name} {domain} */
  "accounts.suggest"?: string;
  /** The button that adds the suggested account. */
  "accounts.add"?: string;
  /** The picker's list when no account matches. {query} */
  "accounts.noMatch"?: string;
  /** A mandatory custom field left empty. {label} */
  "customField.required"?: string;
  "error.notWholeNumber"?: string;
  "error.notNumber"?: string;
  "error.tooManyDecimals"?: string;
  "error.invalidDate"?: string;
  "error.invalidDateTime"?: string;
  "error.invalidTime"?: string;
  /** {value} {label} */
  "error.notAnOption"?: string;
  "error.invalidIpAddress"?: string;
  /** A custom field's regexForValidation did not match. {label} */
  "error.patternMismatch"?: string;
  /** The empty first option of a custom single-choice field. */
  choose?: string;
  /** The contact type option that leaves the choice to the organization (when it has no default). */
  "contactType.default"?: string;
  /** contact:error (kind "options") when values.contactType is not one of the organization's. {id} */
  "contactType.unknown"?: string;
  /** While the organization's data loads. */
  loading?: string;
  "contactTypes.failed"?: string;
  "customFields.failed"?: string;
  /** The button beside a failed load. */
  loadAgain?: string;
  /** Under the email when a contact already has it. {name} */
  "duplicate.email"?: string;
  /** A refusal (400, 422) that says nothing the form can show. {status} */
  "api.rejected"?: string;
  "api.unauthorized"?: string;
  "api.forbidden"?: string;
  "api.conflict"?: string;
  /** {seconds}: the wait with its unit, as the language writes it ("29 seconds"). */
  "api.rateLimited"?: string;
  /** {minutes}: the wait with its unit ("3 minutes"). */
  "api.rateLimitedMinutes"?: string;
  "api.rateLimitedUnknown"?: string;
  /** A 429 whose wait is over an hour (not counted down). */
  "api.rateLimitedLong"?: string;
  /** {status} */
  "api.server"?: string;
  /** {seconds}: the time waited with its unit ("30 seconds"). */
  "api.timeout"?: string;
  "api.network"?: string;
  /** A 2xx that could not be read, when the contact could not be looked up either. */
  "api.probablyCreated"?: string;
  /** A 2xx that could not be read, after which the contact was not found. {status} */
  "api.unconfirmed"?: string;
  "api.notFound"?: string;
  /** {status} */
  "api.badResponse"?: string;
}

/** The request body of POST /v1/accounts/contacts (detail of contact:submit). */
export interface ContactRequest {
  firstName: string;
  lastName?: string;
  email: string;
  phoneNumber?: string;
  contactType?: string;
  avatarUrl?: string;
  accountIds?: string[];
  customFieldValues?: CustomFieldValue[];
}

/**
 * The created contact (detail of contact:created), unwrapped from `data` when the API wrapped it:
 * every member the reference documents, `null` where the API left one out.
 */
export interface CreatedContact {
  id: string;
  firstName: string;
  lastName: string | null;
  email: string;
  phoneNumber: string | null;
  avatarUrl: string | null;
  accounts: string[] | null;
  contactTypeId: string | null;
  contactType: string | null;
  /** As the API sent it (documented as string[]). */
  customFieldValues: unknown;
  /** As the API sent it. */
  metadata: unknown;
  createdAt: string | null;
  updatedAt: string | null;
  /**
   * Present (true) when the reply to the create was lost (a network error, a timeout, an
   * unreadable 2xx, or a 409 after one of these) and a search for the email found the contact
   * created since that request left: the contact was created once, and this is it.
   */
  recovered?: true;
}

export type ErrorKind =
  /** A host value that does not fit the organization's data (values.contactType unknown). */
  | "options"
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "conflict"
  | "rate_limited"
  | "server"
  | "network"
  | "bad_response";

/** Detail of contact:error. */
export interface ContactError {
  kind: ErrorKind;
  /** The HTTP status the service sent; null when none came (validation, network, no token). */
  status: number | null;
  /** What the form shows. */
  message: string;
  /** Messages by field name, and by slug for the organization's custom fields. */
  fieldErrors: Partial<Record<FieldName, string>> & Record<string, string>;
}

/** An account, as the account picker shows it. */
export interface Account {
  id: string;
  name: string;
  primaryDomain?: string | null;
}

/** A contact type, as GET /v1/accounts/attributes?attribute=contact_type lists them. */
export interface ContactType {
  /** What is sent as contactType. */
  id: string;
  /** Its name, shown in the list. */
  value: string;
  isDefault?: boolean | null;
  [member: string]: unknown;
}

export type CustomFieldType =
  | "single_line" | "multi_line" | "rich_text" | "integer" | "decimal" | "currency" | "date"
  | "date_time" | "time" | "single_choice" | "multi_choice" | "radio_button" | "checkbox"
  | "email" | "phone_number" | "url" | "ip_address";

/**
 * A custom field of contacts, as GET /v1/custom-field?source=customer_contact lists them (the
 * members the form reads; others are ignored). An unknown fieldType is shown as single_line.
 */
export interface CustomFieldDefinition {
  uid: string;
  name: string;
  /** How readOnly and hidden name the field (the uid when missing). */
  slug?: string | null;
  fieldType?: CustomFieldType | string | null;
  /** Choices of single_choice, radio_button and multi_choice. */
  options?: (string | { value: string })[] | null;
  /** Missing means active; inactive fields are not shown. */
  isActive?: boolean | null;
  hintText?: string | null;
  placeholderText?: string | null;
  mandatoryOnCreation?: boolean | null;
  defaultValue?: string | number | boolean | string[] | null;
  /** Checked with the browser's RegExp (test(), as written); an invalid pattern is ignored. */
  regexForValidation?: string | null;
  [member: string]: unknown;
}

/** Options of the custom element's `options` property: everything but the connection. */
export interface WidgetOptions {
  values?: ContactValues;
  /** Shown and sent, not editable. A name that is not a FieldName is a custom field's slug. */
  readOnly?: (FieldName | string)[];
  /**
   * Not shown; sent as set in `values`, which must be valid for them. A custom field (by slug)
   * that is hidden is not checked: its item in values.customFieldValues is sent unchanged.
   */
  hidden?: (FieldName | string)[];
  /** Replace texts by key, over any language. */
  strings?: Strings;
  /**
   * The language, a BCP 47 tag: "en", "de", "fr", "es", "pt-BR", "ja" or "ar" (right to left),
   * or a more specific tag of one ("de-AT" → "de"; any "pt" → "pt-BR"); others are English.
   * Default: the `lang` of the element mounted into or its nearest ancestor with one, then the
   * document's. A language other than English is fetched once per page from locales/<tag>.json
   * beside the module; the form shows once it has arrived (English if it cannot be loaded).
   * The element: the locale attribute, or lang.
   */
  locale?: string;
  /**
   * "light" (the default), "dark", or "auto" (follows the person's prefers-color-scheme). The
   * element: the theme attribute. The --thena-* custom properties (light) and --thena-dark-*
   * (dark) recolour either.
   */
  theme?: "light" | "dark" | "auto";
  /**
   * The organization's contact types: loaded at mount (true, the default; once per page per
   * apiBase and orgId), given here in the API's shape (then nothing is loaded), or false (the
   * list then holds "Organization default" and a prefilled id).
   */
  contactTypes?: boolean | ContactType[];
  /** The organization's contact custom fields: loaded (true, the default), given, or false. */
  customFields?: boolean | CustomFieldDefinition[];
  /** Look up a valid email when it loses focus and warn when a contact has it (default true). */
  checkDuplicates?: boolean;
  /**
   * Finds accounts for the account picker by name or domain (also asked with the email's domain,
   * to suggest its account, and with each prefilled ID, to show its name). Without it the widget
   * asks the platform's search API (GET /v1/search/accounts); `false`: no search, accounts are
   * added by typing their IDs. A throw, a rejection or an answer that is not an array counts as no
   * answer.
   */
  searchAccounts?: ((query: string) => Promise<Account[]> | Account[]) | false;
  /** The form is on the page. */
  onReady?: (detail: null) => void;
  /**
   * A valid contact is about to be sent; returning false stops it. A callback (or listener) that
   * throws is reported like an uncaught error and stops nothing.
   */
  onSubmit?: (detail: ContactRequest) => boolean | void;
  onCreated?: (detail: CreatedContact) => void;
  onError?: (detail: ContactError) => void;
  /** The email typed belongs to this contact; submitting stays possible. */
  onDuplicate?: (detail: CreatedContact) => void;
  /** How long a request may take before the form offers "Try again" (default 30000). */
  requestTimeoutMs?: number;
  /** How long getToken may take before it counts as no token (default 30000). */
  tokenTimeoutMs?: number;
  /**
   * Keep what the person typed across a reload until it is sent (default: off). The editable
   * fields are saved (300 ms after typing pauses) in sessionStorage or localStorage under
   * `thena-add-contact:draft:<orgId>[:<draftKey>]`, restored at mount with a "Restored your
   * unsent draft. Discard" notice, and removed after the create, on reset() and on Discard.
   * Never the token, hidden or read-only fields. Storage that throws is ignored. The element:
   * the persist-draft attribute.
   */
  persistDraft?: "session" | "local";
  /** Tells apart the drafts of several forms of one organization (the element: draft-key). */
  draftKey?: string;
}

export interface MountOptions extends WidgetOptions {
  /** https URL of the platform (plain http only for localhost, 127.0.0.1 and [::1]); no user name or password. */
  apiBase: string;
  orgId: string;
  /** One of token and getToken. */
  token?: string;
  /** Asked before every request, and again once after a 401. */
  getToken?: () => string | Promise<string>;
}

export interface WidgetHandle {
  /**
   * Settles once the live form has taken over from the shell (at once when the wasm was already
   * loaded); rejects when the wasm cannot load or an option is wrong (also reported as an
   * uncaught error). Until then the handle works on the shell and what it is asked is done once
   * the form is live.
   */
  ready: Promise<void>;
  /** Unmounts the form, aborts a request in flight. */
  destroy(): void;
  /** Back to the values given at mount, errors cleared. */
  reset(): void;
  /**
   * Sets the fields named, as if typed; throws for an unknown field, a wrong type, or an invalid
   * value for a hidden field.
   */
  setValues(values: Omit<ContactValues, "customFieldValues">): void;
  /** What the form holds now (every field; not customFieldValues); null once destroyed. */
  getValues(): Required<Omit<ContactValues, "customFieldValues">> | null;
}

/** Where init() finds the wasm: its URL, a request or response for it, its bytes, or the module. */
export type WasmSource =
  | RequestInfo
  | URL
  | Response
  | Promise<Response>
  | BufferSource
  | WebAssembly.Module;

/**
 * Loads the wasm (once). mount() and the element call it themselves; a host calls it first to
 * say where the wasm is served, e.g. `init(fetch(url, { integrity }))`. Without an argument, the
 * wasm beside the module (bundlers copy it). <thena-add-contact> is defined when the module runs.
 */
export default function init(input?: WasmSource | { module_or_path: WasmSource }): Promise<unknown>;

/**
 * Mounts the form into `element`. Before the wasm has loaded, the form's shell shows at once and
 * the live form takes over when it is ready (see `WidgetHandle.ready`); after, a wrong option
 * throws an Error naming it.
 */
export function mount(element: HTMLElement, options: MountOptions): WidgetHandle;

/**
 * `<thena-add-contact api-base="…" org-id="…" persist-draft="session|local" draft-key="…"
 * locale="…" theme="light|dark|auto" shadow>`; the rest are properties. With `shadow` (read when
 * the element is first connected) the form renders in the element's open shadow root, with the
 * widget's stylesheet (thena-add-contact.css beside the module) linked there.
 */
export interface ThenaAddContactElement extends HTMLElement {
  token?: string;
  getToken?: () => string | Promise<string>;
  /** Setting them sets the form's fields; reading them gives what the form holds. */
  values?: ContactValues;
  options: WidgetOptions;
  reset(): void;
}

export interface ContactEventMap {
  "contact:ready": CustomEvent<null>;
  "contact:submit": CustomEvent<ContactRequest>;
  "contact:created": CustomEvent<CreatedContact>;
  "contact:error": CustomEvent<ContactError>;
  "contact:duplicate": CustomEvent<CreatedContact>;
}

declare global {
  interface HTMLElementTagNameMap {
    "thena-add-contact": ThenaAddContactElement;
  }
  interface HTMLElementEventMap extends ContactEventMap {}
}
