// The Function app for the CPU stages: Linux, custom handler (`pipeline serve`), Flex Consumption or Elastic
// Premium, system-assigned identity, identity-based connections only (no keys in app settings).
param namePrefix string
param location string
param tags object = {}

@allowed([ 'FlexConsumption', 'ElasticPremium' ])
param plan string = 'FlexConsumption'

param storageAccountName string
param blobEndpoint string
param queueEndpoint string
param jobContainer string
param deploymentContainer string
param insightsConnectionString string

@description('Service Bus namespace host name (empty: no Service Bus intake).')
param serviceBusNamespace string = ''

@description('NCRONTAB schedule of the NightlyEvaluation timer function (UTC).')
param nightlySchedule string = '0 0 2 * * *'

@description('Where the nightly suites are: az://container/prefix in the storage account.')
param nightlySuites string = 'az://pipeline-jobs/suites'

@description('Flex Consumption: instance memory (MB) and the most instances.')
param instanceMemoryMB int = 4096
param maximumInstanceCount int = 40

var isFlex = plan == 'FlexConsumption'

var appSettings = [
  // The storage account of the host, the job store and the stage queues, by identity (read by StorageConnection.FromEnvironment).
  { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'Pipeline__Store', value: 'az://${jobContainer}' }
  { name: 'Pipeline__InputRoot', value: '/home/site/inputs' }
  // The NightlyEvaluation timer: its NCRONTAB schedule (read by the host) and the suites (a prefix of the job store's account).
  { name: 'Nightly__Schedule', value: nightlySchedule }
  { name: 'Nightly__Suites', value: nightlySuites }
  { name: 'ServiceBusConnection__fullyQualifiedNamespace', value: empty(serviceBusNamespace) ? 'not-configured.servicebus.windows.net' : serviceBusNamespace }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insightsConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
]

// Elastic Premium takes the host version and the runtime from settings; Flex Consumption from functionAppConfig.runtime.
var premiumSettings = [
  { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
  { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
]

resource flexPlan 'Microsoft.Web/serverfarms@2024-04-01' = if (isFlex) {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource premiumPlan 'Microsoft.Web/serverfarms@2024-04-01' = if (!isFlex) {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'elastic'
  sku: { name: 'EP1', tier: 'ElasticPremium' }
  properties: { reserved: true, maximumElasticWorkerCount: 20 }
}

resource flexApp 'Microsoft.Web/sites@2024-04-01' = if (isFlex) {
  name: '${namePrefix}-func'
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: flexPlan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: { name: 'custom', version: '1.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: appSettings
    }
  }
}

resource premiumApp 'Microsoft.Web/sites@2024-04-01' = if (!isFlex) {
  name: '${namePrefix}-func'
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: premiumPlan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOTNET|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: concat(appSettings, premiumSettings)
    }
  }
}

// Exactly one of the two apps is deployed, the one `plan` names: `!` states that the branch taken reads it.
output name string = isFlex ? flexApp!.name : premiumApp!.name
output principalId string = isFlex ? flexApp!.identity.principalId : premiumApp!.identity.principalId
output hostName string = isFlex ? flexApp!.properties.defaultHostName : premiumApp!.properties.defaultHostName
