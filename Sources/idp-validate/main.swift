import IDPRuntime
import IDPTools

ToolMain.main(ValidateTool.command)
