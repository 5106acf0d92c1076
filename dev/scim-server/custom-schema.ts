// The fake platform's own custom extension, so that `custom.<name>` mappings have somewhere to go
// (a tenant names it in its platform settings' `customSchema`).
import SCIMMY from 'scimmy';

export const demoCustomSchema = 'urn:ietf:params:scim:schemas:extension:roster-demo:2.0:User';

export const demoCustomSchemaDefinition = new SCIMMY.Types.SchemaDefinition('RosterDemoUser', demoCustomSchema, 'Attributes the demo platform keeps beyond the enterprise extension', [
  new SCIMMY.Types.Attribute('string', 'startDate', { description: 'First day of work (ISO date)' }),
  new SCIMMY.Types.Attribute('string', 'endDate', { description: 'Last day of work (ISO date)' }),
  new SCIMMY.Types.Attribute('string', 'employmentBasis', { description: 'Full-time, part-time, casual, …' }),
  new SCIMMY.Types.Attribute('string', 'preferredName', { description: 'The name the person goes by' }),
]);
