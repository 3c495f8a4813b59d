import IDPRuntime
import IDPTools

ToolMain.main(ECRPruneTool.command)
