// The config's nested settings as JSON textareas named by their path (`data-type="json"`): the
// API's refusal of anything inside one (`include.exclude.0.field`) is shown beside it.
import { EMPLOYEE_FIELDS, GROUP_SOURCES, PLATFORM_ATTRIBUTES, type TenantConfig } from '../../common/tenant-config';
import { Input } from './form-fields';

const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value, null, 2));

export function ConfigListFields({ config }: { config: TenantConfig | null }) {
  return (
    <>
      <Input
        name="include.exclude"
        label="Exclusion rules (JSON)"
        as="json"
        multiline
        value={json(config?.include.exclude ?? [])}
        hint={
          <>
            A list of rules; a person is left out when any matches: <code>{'{"field": "department", "equals": "Contractors"}'}</code>,{' '}
            <code>{'{"field": "employmentBasis", "in": ["casual", "intern"]}'}</code> or <code>{'{"all": [conditions]}'}</code>.
          </>
        }
      />
      <Input
        name="fieldMappings"
        label="Field mappings (JSON)"
        as="json"
        multiline
        value={json(config?.fieldMappings ?? {})}
        hint={
          <>
            Each platform attribute with the employee field it is written from, e.g. <code>{'{"title": "position", "manager": "managerHrisId"}'}</code>. Attributes: {PLATFORM_ATTRIBUTES.join(', ')}, custom.&lt;name&gt;.
            Employee fields: {EMPLOYEE_FIELDS.join(', ')}, custom.&lt;name&gt;.
          </>
        }
      />
      <Input
        name="groups"
        label="Groups (JSON)"
        as="json"
        multiline
        value={json(config?.groups)}
        hint={
          <>
            Empty leaves the platform's groups alone. Otherwise one dimension or a list of them, e.g.{' '}
            <code>{'[{"from": "department"}, {"from": "location", "prefix": "Site: ", "deleteRemoved": true}]'}</code>, each from one of {GROUP_SOURCES.join(', ')} or
            custom.&lt;name&gt;.
          </>
        }
      />
    </>
  );
}
