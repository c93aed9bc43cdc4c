// Least-privilege role assignments, in one place. Each principal gets the data-plane roles it needs on the one resource
// it needs them on; nobody gets a control-plane role (Owner, Contributor) or an account key.
param storageAccountName string
param functionPrincipalId string
@description('The GPU workers\' identity (modules/containerapps.bicep); empty when no workers are deployed.')
param workerPrincipalId string = ''
param serviceBusName string = ''
param insightsName string
@description('A principal that submits jobs with `pipeline submit` (a user or a pipeline identity); empty for none.')
param submitterPrincipalId string = ''
@description('User, Group or ServicePrincipal: the kind of principal submitterPrincipalId is.')
@allowed([ 'User', 'Group', 'ServicePrincipal' ])
param submitterPrincipalType string = 'User'

// Built-in role definition ids by role name, as Microsoft's list of Azure built-in roles gives them
// (tests/Infra.Tests checks each name against its id in the compiled template).
var builtInRoles = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  'Azure Service Bus Data Receiver': '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  'Azure Service Bus Data Sender': '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb'
}

// Who gets which role on the storage account; `when` leaves out the grants of a principal that is not there.
var storageGrants = [
  // The Functions host manages its own blobs (leases, keys, deployment package): Owner, not Contributor.
  { principal: functionPrincipalId, type: 'ServicePrincipal', role: 'Storage Blob Data Owner', when: true }
  { principal: functionPrincipalId, type: 'ServicePrincipal', role: 'Storage Queue Data Contributor', when: true }
  { principal: workerPrincipalId, type: 'ServicePrincipal', role: 'Storage Blob Data Contributor', when: !empty(workerPrincipalId) }
  { principal: workerPrincipalId, type: 'ServicePrincipal', role: 'Storage Queue Data Contributor', when: !empty(workerPrincipalId) }
  { principal: submitterPrincipalId, type: submitterPrincipalType, role: 'Storage Blob Data Contributor', when: !empty(submitterPrincipalId) }
  { principal: submitterPrincipalId, type: submitterPrincipalType, role: 'Storage Queue Data Contributor', when: !empty(submitterPrincipalId) }
]

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = if (!empty(serviceBusName)) {
  name: empty(serviceBusName) ? 'unused' : serviceBusName
}

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in filter(storageGrants, g => g.when): {
  name: guid(storage.id, grant.principal, builtInRoles[grant.role])
  scope: storage
  properties: {
    principalId: grant.principal
    principalType: grant.type
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles[grant.role])
  }
}]

resource insightsAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, functionPrincipalId, builtInRoles['Monitoring Metrics Publisher'])
  scope: insights
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles['Monitoring Metrics Publisher'])
  }
}

resource busReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(serviceBusName)) {
  name: guid(bus.id, functionPrincipalId, builtInRoles['Azure Service Bus Data Receiver'])
  scope: bus
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles['Azure Service Bus Data Receiver'])
  }
}

resource busSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(serviceBusName) && !empty(submitterPrincipalId)) {
  name: guid(bus.id, submitterPrincipalId, builtInRoles['Azure Service Bus Data Sender'])
  scope: bus
  properties: {
    principalId: submitterPrincipalId
    principalType: submitterPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles['Azure Service Bus Data Sender'])
  }
}
