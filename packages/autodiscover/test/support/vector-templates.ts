import { loadVectors } from '@ews-tools/vectors';

interface Template {
  readonly id: string;
  readonly placeholders?: readonly string[];
  readonly xml_template: string;
}

/** exchangelib's autodiscover.json, typed as far as the tests read it. */
export interface AutodiscoverVectors {
  readonly soap: {
    readonly templates: readonly Template[];
    readonly template_parse_expectations: Readonly<Record<string, Readonly<Record<string, string | null>>>>;
    readonly scenarios: readonly Scenario[];
    readonly srv_records: {
      readonly parse: readonly { readonly rdata: string; readonly expected: SrvExpectation | null }[];
      readonly select: readonly {
        readonly records: readonly (readonly [number, number, number, string])[];
        readonly expected?: string;
        readonly expected_error?: string;
        readonly why?: string;
      }[];
    };
    readonly redirect_url_validity: readonly {
      readonly url: string;
      readonly state?: string;
      readonly head_status?: number;
      readonly expected: boolean;
      readonly why?: string;
    }[];
    readonly user_response_raise_errors: readonly {
      readonly input: {
        readonly error_code?: string;
        readonly error_message?: string;
        readonly user_settings_errors?: Readonly<Record<string, readonly string[]>>;
      };
      readonly expected: { readonly error_class: string; readonly message: string } | null;
    }[];
  };
  readonly pox: {
    readonly templates: readonly Template[];
    readonly parse: readonly {
      readonly response_body?: string;
      readonly response_xml?: string;
      readonly expected: Readonly<Record<string, string>>;
    }[];
    readonly raise_errors: readonly {
      readonly input: string | { readonly Error: { readonly ErrorCode?: string; readonly Message?: string } };
      readonly expected: { readonly error_class: string; readonly message: string };
    }[];
  };
}

export interface SrvExpectation {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  readonly srv: string;
}

export interface ScenarioStep {
  readonly POST?: string;
  readonly GET?: string;
  readonly HEAD?: string;
  readonly DNS_SRV?: string;
  readonly cache?: string;
  readonly answer?: 'none' | readonly string[];
  readonly status?: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface Scenario {
  readonly id: string;
  readonly http: readonly ScenarioStep[];
  readonly expected: Readonly<Record<string, string | boolean>>;
  readonly test: string;
  readonly note?: string;
}

export function autodiscoverVectors(): AutodiscoverVectors {
  return loadVectors('autodiscover') as AutodiscoverVectors;
}

/**
 * Fills a template's `{name}` placeholders. exchangelib's SOAP templates use the `i:` prefix
 * (`i:type`, `i:nil`) in the Body while declaring it only on the Header's ServerVersionInfo, which
 * Namespaces in XML (and @ews/core's reader, since issue 12) refuses; Exchange declares it on
 * `<Response>` (Microsoft's GetUserSettings example), so the SOAP templates get it there too (and tests that add an `i:nil` can use it).
 */
export function renderTemplate(
  templates: readonly Template[],
  id: string,
  values: Readonly<Record<string, string>>,
): string {
  const template = templates.find((candidate) => candidate.id === id);
  if (!template) throw new Error(`no template ${id}`);
  const xml = template.xml_template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  return xml.replace('<Response>', `<Response xmlns:i="${XML_SCHEMA_INSTANCE}">`);
}

const XML_SCHEMA_INSTANCE = 'http://www.w3.org/2001/XMLSchema-instance';
