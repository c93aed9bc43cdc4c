// Pipeline on Azure: storage (job store + stage queues), optional Service Bus intake, the Function app for the CPU
// stages (custom handler `pipeline serve`), monitoring, GPU rerank workers on Azure Container Apps, and the role
// assignments between them. Deploy: az deployment group create -g RG -f infra/main.bicep -p infra/main.parameters.json
targetScope = 'resourceGroup'

@description('Prefix of every resource name (letters and digits, 3-11 characters).')
@minLength(3)
@maxLength(11)
param namePrefix string

param location string = resourceGroup().location

@description('Function app plan for the CPU stages.')
@allowed([ 'FlexConsumption', 'ElasticPremium' ])
param functionPlan string = 'FlexConsumption'

@description('Deploy the Service Bus job intake (SubmitJobFromServiceBus).')
param serviceBus bool = false

@description('Deploy GPU rerank workers on Azure Container Apps (needs serverless GPU quota in the region).')
param gpuWorkers bool = true

@description('GPU of the serverless workload profile.')
@allowed([ 'T4', 'A100' ])
param gpu string = 'T4'

@description('The GPU worker image (infra/container/Dockerfile.gpu), e.g. myregistry.azurecr.io/pipeline:gpu.')
param workerImage string = ''

@description('Registry server of the worker image; the worker identity needs AcrPull on it. Empty for a public image.')
param registryServer string = ''

@description('Most concurrent GPU workers.')
param maxGpuWorkers int = 4

@description('Object id of a user or identity allowed to submit jobs and read results (pipeline submit / status); empty for none.')
param submitterPrincipalId string = ''

@description('What kind of principal submitterPrincipalId is: a person (User), an Entra group (Group), or a pipeline\'s service principal or managed identity (ServicePrincipal).')
@allowed([ 'User', 'Group', 'ServicePrincipal' ])
param submitterPrincipalType string = 'User'

param tags object = { app: 'pipeline' }

var storageName = toLower('${namePrefix}${uniqueString(resourceGroup().id)}')

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: { name: take(storageName, 24), location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: { namePrefix: namePrefix, location: location, tags: tags }
}

module bus 'modules/servicebus.bicep' = if (serviceBus) {
  name: 'servicebus'
  params: { name: '${namePrefix}-bus-${uniqueString(resourceGroup().id)}', location: location, tags: tags }
}

module functions 'modules/functionapp.bicep' = {
  name: 'functions'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    plan: functionPlan
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    jobContainer: storage.outputs.jobContainer
    deploymentContainer: storage.outputs.deploymentContainer
    insightsConnectionString: monitoring.outputs.insightsConnectionString
    serviceBusNamespace: serviceBus ? bus!.outputs.fullyQualifiedNamespace : ''
  }
}

module workers 'modules/containerapps.bicep' = if (gpuWorkers) {
  name: 'workers'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    workspaceName: monitoring.outputs.workspaceName
    image: workerImage
    registryServer: registryServer
    gpu: gpu
    storageAccountName: storage.outputs.name
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    jobContainer: storage.outputs.jobContainer
    maxReplicas: maxGpuWorkers
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    storageAccountName: storage.outputs.name
    functionPrincipalId: functions.outputs.principalId
    workerPrincipalId: gpuWorkers ? workers!.outputs.principalId : ''
    serviceBusName: serviceBus ? bus!.outputs.name : ''
    insightsName: monitoring.outputs.insightsName
    submitterPrincipalId: submitterPrincipalId
    submitterPrincipalType: submitterPrincipalType
  }
}

output storageAccount string = storage.outputs.name
output jobStore string = 'az://${storage.outputs.jobContainer}'
output blobEndpoint string = storage.outputs.blobEndpoint
output queueEndpoint string = storage.outputs.queueEndpoint
output functionApp string = functions.outputs.name
output submitUrl string = 'https://${functions.outputs.hostName}/api/SubmitJob'
output statusUrl string = 'https://${functions.outputs.hostName}/api/jobs/{jobId}'
output serviceBusNamespace string = serviceBus ? bus!.outputs.fullyQualifiedNamespace : ''
output gpuWorkerApp string = gpuWorkers ? workers!.outputs.workerName : ''
