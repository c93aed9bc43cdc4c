// The storage account of the pipeline: the job store (blob container), the stage queues and their poison twins,
// and the Function app's deployment container. Shared-key access is off: every caller uses Microsoft Entra ID.

@description('Storage account name (3-24 lower-case letters and digits).')
param name string
param location string
param tags object = {}

@description('The job store container (Pipeline__Store = az://<this>).')
param jobContainer string = 'pipeline-jobs'

@description('The container Flex Consumption deploys the app package from.')
param deploymentContainer string = 'app-package'

// One queue per stage (shared/Core StageNames) and its poison twin; the infra contract test keeps this list in step.
var stageQueues = [
  'prepare-job'
  'split-corpus'
  'index-shard'
  'merge-statistics'
  'retrieve-block'
  'merge-candidates'
  'rerank-candidates'
  'aggregate-results'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource jobs 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: jobContainer
  properties: { publicAccess: 'None' }
}

resource deployments 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: deploymentContainer
  properties: { publicAccess: 'None' }
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource stage 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queue in stageQueues: {
  parent: queues
  name: queue
}]

resource poison 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [for queue in stageQueues: {
  parent: queues
  name: '${queue}-poison'
}]

output id string = account.id
output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output jobContainer string = jobContainer
output deploymentContainer string = deploymentContainer
output stageQueues array = stageQueues
