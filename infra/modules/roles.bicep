// Least-privilege role assignments, in one place. Built-in role definition ids:
//   Storage Blob Data Owner            b7e6dc6d-f1e8-4753-8033-0f276bb0955b  (the Functions host manages its own blobs)
//   Storage Blob Data Contributor      ba92f5b4-2d11-453d-a403-e96b0029c9fe
//   Storage Queue Data Contributor     974c5e8b-45b9-4653-ba55-5f855dd0fb88
//   Azure Service Bus Data Receiver    4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0
//   Azure Service Bus Data Sender      69a216fc-b8fb-44d8-bc22-1f3c2cd27a39
//   Monitoring Metrics Publisher       3913510d-42f4-4e42-8a64-420c390055eb
param storageAccountName string
param functionPrincipalId string
param workerPrincipalId string
param serviceBusName string = ''
param insightsName string
@description('A principal that submits jobs with `pipeline submit` (a user or a pipeline identity); empty for none.')
param submitterPrincipalId string = ''

var roles = {
  blobOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  blobContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  queueContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  busReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  busSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  metricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' existing = if (!empty(serviceBusName)) {
  name: empty(serviceBusName) ? 'unused' : serviceBusName
}

var storageGrants = concat([
  { principal: functionPrincipalId, role: roles.blobOwner, type: 'ServicePrincipal' }
  { principal: functionPrincipalId, role: roles.queueContributor, type: 'ServicePrincipal' }
  { principal: workerPrincipalId, role: roles.blobContributor, type: 'ServicePrincipal' }
  { principal: workerPrincipalId, role: roles.queueContributor, type: 'ServicePrincipal' }
], empty(submitterPrincipalId) ? [] : [
  { principal: submitterPrincipalId, role: roles.blobContributor, type: 'User' }
  { principal: submitterPrincipalId, role: roles.queueContributor, type: 'User' }
])

resource storageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for grant in storageGrants: {
  name: guid(storage.id, grant.principal, grant.role)
  scope: storage
  properties: {
    principalId: grant.principal
    principalType: grant.type
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', grant.role)
  }
}]

resource insightsAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, functionPrincipalId, roles.metricsPublisher)
  scope: insights
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.metricsPublisher)
  }
}

resource busReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(serviceBusName)) {
  name: guid(bus.id, functionPrincipalId, roles.busReceiver)
  scope: bus
  properties: {
    principalId: functionPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.busReceiver)
  }
}

resource busSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(serviceBusName) && !empty(submitterPrincipalId)) {
  name: guid(bus.id, submitterPrincipalId, roles.busSender)
  scope: bus
  properties: {
    principalId: submitterPrincipalId
    principalType: 'User'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.busSender)
  }
}
