// GPU rerank workers: an Azure Container Apps environment with a serverless GPU workload profile, running
// `pipeline worker --queues rerank-candidates`, scaled by KEDA's azure-queue rule on that queue (to zero when idle).
// Storage access by a user-assigned identity (also used by the scaler), so no storage key is stored anywhere.
// Microsoft.App 2025-01-01 is the first GA API version whose scale rules take `identity` (2024-03-01's take only `auth`
// secrets); the Bicep compiler's type check confirms it (BCP037 on older versions).
param namePrefix string
param location string
param tags object = {}

@description('The Log Analytics workspace (modules/monitoring.bicep) the environment sends container logs to.')
param workspaceName string

@description('The worker image (see infra/container/Dockerfile.gpu), e.g. myregistry.azurecr.io/pipeline:gpu.')
param image string

@description('Registry server of the image (empty for a public image).')
param registryServer string = ''

@allowed([ 'T4', 'A100' ])
param gpu string = 'T4'

param storageAccountName string
param blobEndpoint string
param queueEndpoint string
param jobContainer string

@description('Most concurrent GPU workers.')
param maxReplicas int = 4

// The serverless GPU workload profile type of each `gpu` value.
var gpuProfiles = {
  T4: 'Consumption-GPU-NC8as-T4'
  A100: 'Consumption-GPU-NC24-A100'
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: workspaceName
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-worker-id'
  location: location
  tags: tags
}

resource environment 'Microsoft.App/managedEnvironments@2025-01-01' = {
  name: '${namePrefix}-aca'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: { customerId: workspace.properties.customerId, sharedKey: workspace.listKeys().primarySharedKey }
    }
    workloadProfiles: [
      { name: 'Consumption', workloadProfileType: 'Consumption' }
      { name: 'gpu', workloadProfileType: gpuProfiles[gpu] }
    ]
  }
}

resource worker 'Microsoft.App/containerApps@2025-01-01' = {
  name: '${namePrefix}-rerank'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'gpu'
    configuration: {
      activeRevisionsMode: 'Single'
      registries: empty(registryServer) ? [] : [ { server: registryServer, identity: identity.id } ]
    }
    template: {
      containers: [
        {
          name: 'worker'
          image: image
          args: [ 'worker', '--queues', 'rerank-candidates', '--parallel', '1', '--visibility-timeout', '300' ]
          env: [
            { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
            { name: 'AzureWebJobsStorage__blobServiceUri', value: blobEndpoint }
            { name: 'AzureWebJobsStorage__queueServiceUri', value: queueEndpoint }
            { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
            { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
            { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
            { name: 'Pipeline__Store', value: 'az://${jobContainer}' }
            { name: 'Pipeline__InputRoot', value: '/inputs' }
          ]
          resources: { cpu: json('8.0'), memory: '56Gi' }
        }
      ]
      scale: {
        minReplicas: 0
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'rerank-queue'
            custom: {
              type: 'azure-queue'
              metadata: {
                queueName: 'rerank-candidates'
                queueLength: '1'
                accountName: storageAccountName
              }
              identity: identity.id
            }
          }
        ]
      }
    }
  }
}

output environmentName string = environment.name
output workerName string = worker.name
output principalId string = identity.properties.principalId
