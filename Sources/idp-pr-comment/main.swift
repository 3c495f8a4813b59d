import IDPRuntime
import IDPTools

ToolMain.main(PRCommentTool.command)
